package io.kubemagic.engine.etcd;

import java.io.Serializable;
import java.util.Optional;

/**
 * Decides whether a member needs defragmenting. The default is the etcd-defrag tool's rule:
 * quota usage over 80%, or more than 200 MiB the file system would get back.
 */
public record DefragRule(double quotaUsagePercent, long reclaimableBytes, boolean force) implements Serializable {
    public static final double DEFAULT_QUOTA_USAGE_PERCENT = 80.0;
    public static final long DEFAULT_RECLAIMABLE_BYTES = 200L * 1024 * 1024;

    public static DefragRule defaults() {
        return new DefragRule(DEFAULT_QUOTA_USAGE_PERCENT, DEFAULT_RECLAIMABLE_BYTES, false);
    }

    public DefragRule {
        if (quotaUsagePercent <= 0 || quotaUsagePercent > 100) {
            throw new io.kubemagic.engine.InvalidInputException("quotaUsagePercent",
                    quotaUsagePercent + " is not a percentage between 0 (exclusive) and 100");
        }
        if (reclaimableBytes < 0) {
            throw new io.kubemagic.engine.InvalidInputException("reclaimableBytes", reclaimableBytes + " must not be negative");
        }
    }

    /** Why this member needs a defrag, or empty when it does not. */
    public Optional<String> reason(MemberStatus member) {
        if (force) {
            return Optional.of("forced");
        }
        if (member.hasNoSpaceAlarm()) {
            return Optional.of("NOSPACE alarm");
        }
        if (member.quotaUsagePercent() > quotaUsagePercent) {
            return Optional.of(String.format(java.util.Locale.ROOT, "quota usage %.0f%% > %.0f%%",
                    member.quotaUsagePercent(), quotaUsagePercent));
        }
        if (member.reclaimableBytes() > reclaimableBytes) {
            return Optional.of(QuotaBytes.human(member.reclaimableBytes()) + " reclaimable > " + QuotaBytes.human(reclaimableBytes));
        }
        return Optional.empty();
    }

    public String describe() {
        return force ? "always (force)" : String.format(java.util.Locale.ROOT,
                "quota usage > %.0f%% or reclaimable > %s or NOSPACE alarm", quotaUsagePercent, QuotaBytes.human(reclaimableBytes));
    }
}
