package io.kubemagic.engine.etcd;

import io.kubemagic.engine.InvalidInputException;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Client endpoints as operators write them: {@code https://10.0.0.1:2379,https://10.0.0.2:2379}. */
public final class EtcdEndpoints {
    private EtcdEndpoints() {
    }

    public static List<URI> parse(String field, String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            throw new InvalidInputException(field, "no endpoints given; list the client URLs, e.g. "
                    + "https://10.0.0.1:2379,https://10.0.0.2:2379, or give the content of /etc/etcd.env");
        }
        List<String> parts = new ArrayList<>();
        for (String part : commaSeparated.split("[,\\s]+")) {
            if (!part.isBlank()) {
                parts.add(part.trim());
            }
        }
        return parse(field, parts);
    }

    public static List<URI> parse(String field, List<String> endpoints) {
        Set<URI> unique = new LinkedHashSet<>();
        for (String endpoint : endpoints) {
            unique.add(parseOne(field, endpoint));
        }
        if (unique.isEmpty()) {
            throw new InvalidInputException(field, "no endpoints given");
        }
        return List.copyOf(unique);
    }

    static URI parseOne(String field, String endpoint) {
        String text = endpoint.trim();
        if (!text.contains("://")) {
            throw new InvalidInputException(field, "\"" + endpoint + "\" has no scheme; write http://" + text
                    + " or https://" + text);
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new InvalidInputException(field, "\"" + endpoint + "\" is not a URL (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new InvalidInputException(field, "\"" + endpoint + "\" uses scheme " + scheme
                    + "; etcd client endpoints are http:// or https://");
        }
        if (uri.getHost() == null || uri.getPort() < 0) {
            throw new InvalidInputException(field, "\"" + endpoint + "\" needs a host and a port, e.g. https://10.0.0.1:2379");
        }
        if (uri.getPort() == 2380) {
            throw new InvalidInputException(field, "\"" + endpoint + "\" is a peer port (2380); clients talk to port 2379");
        }
        return URI.create(scheme + "://" + uri.getHost() + ":" + uri.getPort());
    }

    /** A member's advertised client URL in the form endpoints take, for comparing the two; unparsable ones as given. */
    public static String normalize(String clientUrl) {
        try {
            return parseOne("clientUrl", clientUrl).toString();
        } catch (InvalidInputException notComparable) {
            return clientUrl;
        }
    }

    public static boolean anyTls(List<URI> endpoints) {
        return endpoints.stream().anyMatch(e -> e.getScheme().equals("https"));
    }

    /** host:port, the form gRPC targets and etcdctl tables use. */
    public static String authority(URI endpoint) {
        return endpoint.getHost() + ":" + endpoint.getPort();
    }
}
