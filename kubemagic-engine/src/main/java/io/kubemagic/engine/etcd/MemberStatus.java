package io.kubemagic.engine.etcd;

import java.io.Serializable;
import java.util.List;

/**
 * One member as {@code etcdctl endpoint status} shows it, plus quota usage and alarms.
 * {@code error} is set, and the numbers are -1, when the member did not answer.
 */
public record MemberStatus(
        String endpoint,
        String name,
        String memberId,
        boolean leader,
        String version,
        long dbSize,
        long dbSizeInUse,
        long quotaBytes,
        long raftIndex,
        long raftTerm,
        long revision,
        List<String> alarms,
        String error) implements Serializable {

    public boolean reachable() {
        return error == null;
    }

    /** Percentage of the quota the database file uses; the NOSPACE alarm fires at 100. */
    public double quotaUsagePercent() {
        return quotaBytes <= 0 || dbSize < 0 ? 0 : 100.0 * dbSize / quotaBytes;
    }

    /** Bytes a defragmentation would give back to the file system. */
    public long reclaimableBytes() {
        return dbSize < 0 || dbSizeInUse < 0 ? 0 : Math.max(0, dbSize - dbSizeInUse);
    }

    public boolean hasNoSpaceAlarm() {
        return alarms.contains("NOSPACE");
    }

    public String label() {
        return name == null || name.isBlank() ? endpoint : name + " (" + endpoint + ")";
    }

    static MemberStatus unreachable(String endpoint, String name, long quotaBytes, String error) {
        return new MemberStatus(endpoint, name, null, false, null, -1, -1, quotaBytes, -1, -1, -1, List.of(), error);
    }
}
