package io.kubemagic.engine.kube;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubemagic.engine.KubeMagicException;
import io.kubemagic.engine.kubespray.Version;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.security.cert.CertificateExpiredException;
import java.util.function.Supplier;

/**
 * A connection to the Kubernetes API from a checked kubeconfig, and the translation of client
 * failures into messages that say what to do (connection refused, expired certificate, 401/403).
 */
public final class KubeApi implements AutoCloseable {
    private final KubernetesClient client;
    private final Kubeconfig.Selected selected;

    private KubeApi(KubernetesClient client, Kubeconfig.Selected selected) {
        this.client = client;
        this.selected = selected;
    }

    public static KubeApi connect(KubeTarget target) {
        Kubeconfig.Selected selected = Kubeconfig.select("kubeconfig", target.kubeconfig().reveal(), target.context());
        Config config;
        try {
            config = Config.fromKubeconfig(selected.contextName(), target.kubeconfig().reveal(), null);
        } catch (RuntimeException e) {
            throw new io.kubemagic.engine.InvalidInputException("kubeconfig", "cannot be used for context \"" + selected.contextName()
                    + "\": " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " (" + firstLine(e.getMessage()) + ")"));
        }
        int millis = (int) Math.min(Integer.MAX_VALUE, target.requestTimeout().toMillis());
        config.setRequestTimeout(millis);
        config.setConnectionTimeout(millis);
        config.setRequestRetryBackoffLimit(0);
        return new KubeApi(new KubernetesClientBuilder().withConfig(config).build(), selected);
    }

    public KubernetesClient client() {
        return client;
    }

    public String server() {
        return selected.server();
    }

    /** The API server's version ("v1.18.3"), as {@code kubectl version} shows it. */
    public Version serverVersion() {
        String git = call("read the server version", () -> client.getKubernetesVersion().getGitVersion());
        return Version.tryParse(git).orElseThrow(() -> new KubeMagicException("the API server at " + server()
                + " reports version \"" + git + "\", which is not major.minor.patch"));
    }

    /** Runs one API call; a failure becomes a {@link KubeMagicException} saying what went wrong and where. */
    public <T> T call(String what, Supplier<T> action) {
        try {
            return action.get();
        } catch (KubernetesClientException e) {
            throw new KubeMagicException("cannot " + what + ": " + explain(e), e);
        }
    }

    String explain(KubernetesClientException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException) {
                return "the Kubernetes API at " + server() + " does not answer (connection refused); check the server URL in "
                        + "the kubeconfig and that the API server runs";
            }
            if (t instanceof UnknownHostException) {
                return "the host of " + server() + " is unknown (" + t.getMessage() + ")";
            }
            if (t instanceof HttpTimeoutException || t instanceof java.net.SocketTimeoutException) {
                return "the Kubernetes API at " + server() + " gave no answer within the timeout";
            }
            if (t instanceof CertificateExpiredException) {
                return "the TLS certificate of the API server at " + server() + " has expired (" + t.getMessage()
                        + "); renew it on a control plane node (kubeadm certs renew apiserver) and restart the API server";
            }
            if (t instanceof javax.net.ssl.SSLException) {
                return "the TLS certificate of " + server() + " was refused (" + firstLine(String.valueOf(t.getMessage()))
                        + "); check certificate-authority-data in the kubeconfig, and that the API server certificate has "
                        + "not expired (kubemagic kube preflight reads its dates)";
            }
        }
        if (e.getCode() == 401) {
            return "the API server at " + server() + " refused the kubeconfig's credentials (401 Unauthorized); the client "
                    + "certificate may have expired or the token is wrong";
        }
        if (e.getCode() == 403) {
            return "the kubeconfig's user may not do this (403 Forbidden: " + firstLine(String.valueOf(e.getMessage())) + ")";
        }
        return firstLine(String.valueOf(e.getMessage()));
    }

    static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    @Override
    public void close() {
        client.close();
    }
}
