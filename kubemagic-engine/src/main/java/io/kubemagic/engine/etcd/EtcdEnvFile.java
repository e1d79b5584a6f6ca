package io.kubemagic.engine.etcd;

import io.kubemagic.engine.InvalidInputException;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code /etc/etcd.env} file Kubespray writes on each etcd host. The operators' notes derive
 * the client endpoints from it by hand ({@code ETCD_INITIAL_CLUSTER}, peer port 2380 to client
 * port 2379); this does the same, and also reads the quota that host's etcd runs with.
 */
public final class EtcdEnvFile {
    private static final String FIELD = "etcdEnv";
    private final Map<String, String> variables;

    private EtcdEnvFile(Map<String, String> variables) {
        this.variables = variables;
    }

    public static EtcdEnvFile parse(String content) {
        Map<String, String> variables = new LinkedHashMap<>();
        if (content != null) {
            for (String raw : content.split("\\R")) {
                String line = raw.trim();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                if (line.startsWith("export ")) {
                    line = line.substring("export ".length()).trim();
                }
                int eq = line.indexOf('=');
                if (eq <= 0) {
                    continue;
                }
                variables.put(line.substring(0, eq).trim(), unquote(line.substring(eq + 1).trim()));
            }
        }
        return new EtcdEnvFile(variables);
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(variables.get(name)).filter(v -> !v.isBlank());
    }

    /** Member name to client endpoint, from {@code ETCD_INITIAL_CLUSTER}. */
    public Map<String, URI> memberEndpoints() {
        String cluster = get("ETCD_INITIAL_CLUSTER").orElseThrow(() -> new InvalidInputException(FIELD,
                "ETCD_INITIAL_CLUSTER is not set in the etcd.env content; give the endpoints directly instead"));
        Map<String, URI> members = new LinkedHashMap<>();
        for (String entry : cluster.split(",")) {
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new InvalidInputException(FIELD, "ETCD_INITIAL_CLUSTER entry \"" + entry
                        + "\" is not name=peerURL");
            }
            String name = entry.substring(0, eq).trim();
            URI peer = URI.create(entry.substring(eq + 1).trim());
            if (peer.getPort() != 2380) {
                throw new InvalidInputException(FIELD, "peer URL " + peer + " of member " + name
                        + " does not use port 2380, so its client port cannot be derived; give the endpoints directly");
            }
            members.put(name, URI.create(peer.getScheme() + "://" + peer.getHost() + ":2379"));
        }
        return members;
    }

    public List<URI> endpoints() {
        return new ArrayList<>(memberEndpoints().values());
    }

    /** The quota this host's etcd was started with, if the file sets one; "2G" is refused with the fix. */
    public Optional<Long> quotaBytes() {
        return get("ETCD_QUOTA_BACKEND_BYTES").map(v -> QuotaBytes.parse(FIELD + ": ETCD_QUOTA_BACKEND_BYTES", v));
    }
}
