package io.kubemagic.engine.audit;

import java.io.Serializable;
import java.time.Instant;
import java.util.Map;

/**
 * One operation, as the audit trail keeps it: who asked for what on which target, with which
 * parameters (secrets already masked), when it ran and how it ended.
 */
public record AuditRecord(
        String id,
        String who,
        String operation,
        Map<String, Object> target,
        Map<String, Object> parameters,
        Instant start,
        Instant end,
        Outcome outcome,
        String message) implements Serializable {

    public enum Outcome { SUCCESS, DRY_RUN, FAILURE, ABORTED }
}
