package io.kubemagic.engine.kube;

import io.kubemagic.engine.InvalidInputException;
import io.kubemagic.engine.console.SecretMasker;
import io.kubemagic.engine.console.SecretValue;

import java.io.Serializable;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Which Kubernetes API to talk to: the content of a kubeconfig (a Jenkins file or secret-text
 * credential, or the file the CLI read), an optional context, and timeouts. The kubeconfig stays
 * in memory; it is never written to a file nor printed.
 */
public final class KubeTarget implements Serializable {
    private static final long serialVersionUID = 1L;

    private final SecretValue kubeconfig;
    private final String context;
    private final Duration requestTimeout;

    private KubeTarget(SecretValue kubeconfig, String context, Duration requestTimeout) {
        this.kubeconfig = kubeconfig;
        this.context = context;
        this.requestTimeout = requestTimeout;
    }

    public static KubeTarget of(SecretValue kubeconfig, String context, Duration requestTimeout) {
        if (kubeconfig == null || kubeconfig.reveal().isBlank()) {
            throw new InvalidInputException("kubeconfig", "is empty; give the content of a kubeconfig with access to the "
                    + "cluster (Kubespray writes one to /etc/kubernetes/admin.conf on the control plane nodes)");
        }
        String chosen = context == null || context.isBlank() ? null : context.trim();
        Kubeconfig.select("kubeconfig", kubeconfig.reveal(), chosen);
        return new KubeTarget(kubeconfig, chosen, Objects.requireNonNull(requestTimeout, "requestTimeout"));
    }

    public SecretValue kubeconfig() {
        return kubeconfig;
    }

    public String context() {
        return context;
    }

    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** The kubeconfig's secrets (keys, tokens, passwords), so no message or log line can show them. */
    public void registerSecrets(SecretMasker masker) {
        Kubeconfig.secretsOf(kubeconfig.reveal()).forEach(masker::add);
    }

    /** For audit records: the server and context, never a credential. */
    public Map<String, Object> describe() {
        Map<String, Object> description = new LinkedHashMap<>();
        Kubeconfig.Selected selected = Kubeconfig.select("kubeconfig", kubeconfig.reveal(), context);
        description.put("server", selected.server());
        description.put("context", selected.contextName());
        return description;
    }
}
