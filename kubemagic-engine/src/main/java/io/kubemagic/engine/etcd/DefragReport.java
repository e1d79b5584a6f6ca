package io.kubemagic.engine.etcd;

import io.kubemagic.engine.audit.AuditRecord;

import java.io.Serializable;
import java.util.List;

/**
 * What a defrag run did, member by member. When {@code completed} is false, {@code failure}
 * says where it stopped and {@code resumeHint} how to go on; members listed as DONE are done.
 */
public record DefragReport(
        List<PlannedMember> plan,
        List<MemberStatus> before,
        List<MemberStatus> after,
        List<MemberOutcome> members,
        String snapshotFile,
        long snapshotBytes,
        long compactedRevision,
        List<AlarmInfo> alarmsDisarmed,
        String alarmsKeptReason,
        Verification verification,
        boolean dryRun,
        boolean completed,
        String failure,
        String resumeHint,
        List<String> warnings,
        AuditRecord audit) implements Serializable {

    /** One member of the plan, in the order the run takes them (followers first, leader last). */
    public record PlannedMember(String endpoint, String name, boolean leader, boolean defrag, String reason)
            implements Serializable {
    }

    public enum State { DONE, SKIPPED, FAILED, NOT_STARTED }

    public record MemberOutcome(String endpoint, String name, State state, long dbSizeBefore, long dbSizeAfter,
                                long millis, String detail) implements Serializable {
    }

    /** After the run: a write went through, and every member has the same KV hash at one revision. */
    public record Verification(boolean writeSucceeded, long revision, List<MemberHash> hashes, boolean consistent,
                               String detail) implements Serializable {
    }

    public record MemberHash(String endpoint, long hash) implements Serializable {
    }
}
