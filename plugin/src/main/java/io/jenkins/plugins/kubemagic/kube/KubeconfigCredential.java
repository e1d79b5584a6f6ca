package io.jenkins.plugins.kubemagic.kube;

import io.jenkins.plugins.kubemagic.credentials.CredentialResolver;
import io.jenkins.plugins.kubemagic.credentials.CredentialSource;
import io.kubemagic.engine.InvalidInputException;
import io.kubemagic.engine.console.SecretValue;
import io.kubemagic.engine.kube.KubeTarget;

import java.time.Duration;

/** The kubeconfig of a step: a secret file (or secret text) credential, read on the controller, kept in memory. */
public final class KubeconfigCredential {
    private KubeconfigCredential() {
    }

    public static KubeTarget target(CredentialSource credentials, String field, String credentialsId, String context, int timeoutSeconds) {
        if (credentialsId == null) {
            throw new InvalidInputException(field, "no kubeconfig credential given; add the cluster's kubeconfig "
                    + "(/etc/kubernetes/admin.conf) as a secret file credential and give its id");
        }
        String content = new CredentialResolver(credentials).text(field, credentialsId);
        return KubeTarget.of(SecretValue.of(content), context, Duration.ofSeconds(timeoutSeconds));
    }
}
