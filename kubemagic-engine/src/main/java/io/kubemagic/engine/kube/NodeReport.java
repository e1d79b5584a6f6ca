package io.kubemagic.engine.kube;

import io.kubemagic.engine.audit.AuditRecord;

import java.io.Serializable;
import java.util.List;

/**
 * What a cordon, uncordon or drain did to one node. For a drain that did not finish,
 * {@code blocked} lists the pods that could not be evicted and the PodDisruptionBudgets that held them.
 */
public record NodeReport(
        String operation,
        String node,
        boolean wasCordoned,
        boolean cordonedAfter,
        List<String> evicted,
        List<String> deleted,
        List<String> skipped,
        List<BlockedPod> blocked,
        boolean completed,
        String failure,
        long millis,
        AuditRecord audit) implements Serializable {

    /** A pod the drain could not evict, and why (the budgets that refused it, or the reason it was not tried). */
    public record BlockedPod(String pod, List<String> disruptionBudgets, String reason) implements Serializable {
    }
}
