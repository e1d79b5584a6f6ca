package io.kubemagic.engine.kubespray;

import io.kubemagic.engine.audit.AuditRecord;

import java.io.Serializable;
import java.util.List;

/**
 * What an upgrade run did, hop by hop. When {@code completed} is false, {@code failure} says where
 * it stopped and {@code resumeHint} how to go on (a re-run resumes from the progress file).
 */
public record UpgradeReport(
        UpgradePlan plan,
        List<HopOutcome> hops,
        boolean completed,
        int remainingHops,
        String failure,
        String resumeHint,
        String stateFile,
        AuditRecord audit) implements Serializable {

    public enum State { DONE, FAILED, NOT_STARTED }

    public record HopOutcome(int number, String tag, String kubeVersion, State state, String logFile, List<String> failedNodes,
                             List<String> postChecks, String message, long millis) implements Serializable {
    }
}
