package io.kubemagic.engine.kube;

import io.fabric8.kubernetes.api.model.AuthInfo;
import io.fabric8.kubernetes.api.model.Cluster;
import io.fabric8.kubernetes.api.model.Config;
import io.fabric8.kubernetes.api.model.NamedAuthInfo;
import io.fabric8.kubernetes.api.model.NamedCluster;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import io.kubemagic.engine.InvalidInputException;

import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Checks a kubeconfig before any connection, so a bad one fails with what is wrong in it (not
 * YAML, no context, a context naming a cluster that is not there, no server, bad base64) instead
 * of a client stack trace. Messages name contexts, clusters and users, never credential values.
 */
public final class Kubeconfig {
    /** The context a client will use, and the cluster it points at. */
    public record Selected(String contextName, String clusterName, String userName, String server) {
    }

    private Kubeconfig() {
    }

    static Config parse(String field, String content) {
        if (content == null || content.isBlank()) {
            throw new InvalidInputException(field, "is empty; give the content of a kubeconfig (e.g. /etc/kubernetes/admin.conf)");
        }
        Config config;
        try {
            config = KubeConfigUtils.parseConfigFromString(content);
        } catch (RuntimeException e) {
            throw new InvalidInputException(field, "is not a kubeconfig: it does not parse as YAML with clusters, contexts and "
                    + "users (" + e.getClass().getSimpleName() + "); check that the credential holds the kubeconfig file itself");
        }
        if (config == null || config.getClusters() == null || config.getClusters().isEmpty()) {
            throw new InvalidInputException(field, "defines no cluster (no \"clusters:\" entry); is this a kubeconfig?");
        }
        if (config.getContexts() == null || config.getContexts().isEmpty()) {
            throw new InvalidInputException(field, "defines no context (no \"contexts:\" entry); add one naming the cluster and user");
        }
        return config;
    }

    public static Selected select(String field, String content, String wantedContext) {
        Config config = parse(field, content);
        String name = wantedContext != null ? wantedContext : config.getCurrentContext();
        List<String> names = config.getContexts().stream().map(NamedContext::getName).toList();
        if (name == null || name.isBlank()) {
            throw new InvalidInputException(field, "has no current-context and no context was chosen; set context to one of " + names);
        }
        NamedContext context = config.getContexts().stream().filter(c -> name.equals(c.getName())).findFirst()
                .orElseThrow(() -> new InvalidInputException(wantedContext != null ? "context" : field, "context \"" + name
                        + "\" is not in the kubeconfig; its contexts are " + names));
        if (context.getContext() == null || context.getContext().getCluster() == null) {
            throw new InvalidInputException(field, "context \"" + name + "\" names no cluster");
        }
        String clusterName = context.getContext().getCluster();
        Cluster cluster = config.getClusters().stream().filter(c -> clusterName.equals(c.getName())).map(NamedCluster::getCluster)
                .findFirst().orElseThrow(() -> new InvalidInputException(field, "context \"" + name + "\" names cluster \""
                        + clusterName + "\", which the kubeconfig does not define (clusters: "
                        + config.getClusters().stream().map(NamedCluster::getName).toList() + ")"));
        if (cluster == null || cluster.getServer() == null || cluster.getServer().isBlank()) {
            throw new InvalidInputException(field, "cluster \"" + clusterName + "\" has no server URL");
        }
        URI server;
        try {
            server = URI.create(cluster.getServer().trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field, "cluster \"" + clusterName + "\" has a server that is not a URL: " + cluster.getServer());
        }
        if (server.getHost() == null || !("https".equals(server.getScheme()) || "http".equals(server.getScheme()))) {
            throw new InvalidInputException(field, "cluster \"" + clusterName + "\" has server " + cluster.getServer()
                    + "; expected https://HOST:PORT (e.g. https://10.0.0.1:6443)");
        }
        checkBase64(field, "certificate-authority-data of cluster \"" + clusterName + "\"", cluster.getCertificateAuthorityData());
        String userName = context.getContext().getUser();
        if (userName != null) {
            AuthInfo user = config.getUsers() == null ? null : config.getUsers().stream().filter(u -> userName.equals(u.getName()))
                    .map(NamedAuthInfo::getUser).findFirst().orElse(null);
            if (user == null) {
                throw new InvalidInputException(field, "context \"" + name + "\" names user \"" + userName
                        + "\", which the kubeconfig does not define");
            }
            checkBase64(field, "client-certificate-data of user \"" + userName + "\"", user.getClientCertificateData());
            checkBase64(field, "client-key-data of user \"" + userName + "\"", user.getClientKeyData());
            if ((user.getClientCertificateData() == null) != (user.getClientKeyData() == null)
                    && user.getClientCertificate() == null && user.getClientKey() == null) {
                throw new InvalidInputException(field, "user \"" + userName + "\" has a client certificate without its key, or a key "
                        + "without its certificate; give both client-certificate-data and client-key-data");
            }
        }
        return new Selected(name, clusterName, userName, server.toString());
    }

    private static void checkBase64(String field, String what, String data) {
        if (data == null || data.isBlank()) {
            return;
        }
        byte[] decoded;
        try {
            decoded = Base64.getMimeDecoder().decode(data.trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field, what + " is not base64");
        }
        if (!new String(decoded, java.nio.charset.StandardCharsets.US_ASCII).contains("-----BEGIN ")) {
            throw new InvalidInputException(field, what + " is base64 but not PEM (no \"-----BEGIN\" line once decoded)");
        }
    }

    /** Every credential value in the kubeconfig (decoded too), for the masker. */
    static List<String> secretsOf(String content) {
        List<String> secrets = new ArrayList<>();
        Config config;
        try {
            config = KubeConfigUtils.parseConfigFromString(content);
        } catch (RuntimeException e) {
            return secrets;
        }
        if (config == null || config.getUsers() == null) {
            return secrets;
        }
        for (NamedAuthInfo named : config.getUsers()) {
            AuthInfo user = named.getUser();
            if (user == null) {
                continue;
            }
            Optional.ofNullable(user.getToken()).ifPresent(secrets::add);
            Optional.ofNullable(user.getPassword()).ifPresent(secrets::add);
            Optional.ofNullable(user.getClientKeyData()).ifPresent(key -> {
                secrets.add(key);
                try {
                    secrets.add(new String(Base64.getMimeDecoder().decode(key.trim()), java.nio.charset.StandardCharsets.UTF_8));
                } catch (IllegalArgumentException notBase64) {
                    // Refused later by select(); the raw value is masked already.
                }
            });
            if (user.getAuthProvider() != null && user.getAuthProvider().getConfig() != null) {
                user.getAuthProvider().getConfig().forEach((k, v) -> {
                    if (k.contains("token") || k.contains("secret")) {
                        secrets.add(v);
                    }
                });
            }
        }
        return secrets;
    }
}
