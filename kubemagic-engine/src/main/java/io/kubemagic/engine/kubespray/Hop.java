package io.kubemagic.engine.kubespray;

import java.io.Serializable;

/**
 * One run of {@code upgrade-cluster.yml}: from the Kubespray commit in use (or the previous hop)
 * to {@code tag}, upgrading Kubernetes from {@code fromKubeVersion} to {@code kubeVersion}.
 */
public record Hop(
        int number,
        String fromRef,
        String tag,
        String commit,
        String fromKubeVersion,
        String kubeVersion,
        String kubeVersionValue,
        boolean tagDefault,
        String playbook,
        String reason) implements Serializable {

    /** "v2.14.2" or "v2.14.2 (v1.18.10)": how logs and file names name the hop. */
    public String label() {
        return tag + " (Kubernetes " + kubeVersion + ")";
    }
}
