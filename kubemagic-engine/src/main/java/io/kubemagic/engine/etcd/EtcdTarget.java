package io.kubemagic.engine.etcd;

import io.kubemagic.engine.InvalidInputException;
import io.kubemagic.engine.console.SecretMasker;
import io.kubemagic.engine.console.SecretValue;

import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which etcd cluster to talk to and how: endpoints, TLS material, optional etcd user, timeouts.
 * Immutable; build it with {@link #builder()}.
 */
public final class EtcdTarget implements Serializable {
    private static final long serialVersionUID = 1L;

    private final List<URI> endpoints;
    private final Map<String, String> memberNamesByEndpoint;
    private final TlsMaterial tls;
    private final String user;
    private final SecretValue password;
    private final Duration connectTimeout;
    private final Duration commandTimeout;

    private EtcdTarget(Builder builder) {
        this.endpoints = List.copyOf(builder.endpoints);
        this.memberNamesByEndpoint = Map.copyOf(builder.memberNames);
        this.tls = builder.tls;
        this.user = builder.user;
        this.password = builder.password;
        this.connectTimeout = builder.connectTimeout;
        this.commandTimeout = builder.commandTimeout;
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<URI> endpoints() {
        return endpoints;
    }

    /** Member names known before connecting (from etcd.env), keyed by client endpoint. */
    public Map<String, String> memberNamesByEndpoint() {
        return memberNamesByEndpoint;
    }

    public TlsMaterial tls() {
        return tls;
    }

    public String user() {
        return user;
    }

    public SecretValue password() {
        return password;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration commandTimeout() {
        return commandTimeout;
    }

    public void registerSecrets(SecretMasker masker) {
        masker.add(password);
        if (tls != null) {
            tls.registerSecrets(masker);
        }
    }

    /** For audit records: what was targeted, without any secret. */
    public Map<String, Object> describe() {
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("endpoints", endpoints.stream().map(URI::toString).toList());
        description.put("tls", tls == null ? "none" : tls.hasClientCertificate() ? "mutual" : "server-only");
        if (user != null) {
            description.put("user", user);
        }
        return description;
    }

    public static final class Builder {
        private final List<URI> endpoints = new ArrayList<>();
        private final Map<String, String> memberNames = new LinkedHashMap<>();
        private TlsMaterial tls;
        private String user;
        private SecretValue password;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration commandTimeout = Duration.ofSeconds(30);

        public Builder endpoints(List<URI> endpoints) {
            this.endpoints.clear();
            this.endpoints.addAll(endpoints);
            return this;
        }

        public Builder endpoints(String commaSeparated) {
            return endpoints(EtcdEndpoints.parse("endpoints", commaSeparated));
        }

        /** Endpoints and member names from the content of Kubespray's /etc/etcd.env. */
        public Builder etcdEnv(EtcdEnvFile env) {
            endpoints.clear();
            memberNames.clear();
            env.memberEndpoints().forEach((name, endpoint) -> {
                endpoints.add(endpoint);
                memberNames.put(endpoint.toString(), name);
            });
            return this;
        }

        public Builder tls(TlsMaterial tls) {
            this.tls = tls;
            return this;
        }

        public Builder auth(String user, SecretValue password) {
            this.user = user == null || user.isBlank() ? null : user;
            this.password = password;
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        public Builder commandTimeout(Duration timeout) {
            this.commandTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        public EtcdTarget build() {
            if (endpoints.isEmpty()) {
                throw new InvalidInputException("endpoints", "no endpoints given; list the client URLs "
                        + "(https://10.0.0.1:2379,...) or give the content of /etc/etcd.env");
            }
            boolean https = EtcdEndpoints.anyTls(endpoints);
            boolean http = endpoints.stream().anyMatch(e -> e.getScheme().equals("http"));
            if (https && http) {
                throw new InvalidInputException("endpoints", "mixes http:// and https:// endpoints " + endpoints
                        + "; a cluster serves clients one way, use one scheme for all");
            }
            if (!https && tls != null && tls.hasClientCertificate()) {
                throw new InvalidInputException("endpoints", "a client certificate was given but the endpoints "
                        + endpoints + " are http://; write them as https:// to use TLS");
            }
            if (user != null && password == null) {
                throw new InvalidInputException("password", "etcd user \"" + user + "\" needs a password");
            }
            return new EtcdTarget(this);
        }
    }
}
