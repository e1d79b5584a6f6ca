package io.kubemagic.cli;

import io.kubemagic.engine.audit.AuditRecord;
import io.kubemagic.engine.etcd.DefragReport;
import io.kubemagic.engine.etcd.DefragRequest;
import io.kubemagic.engine.etcd.DefragRule;
import io.kubemagic.engine.etcd.DefragRunner;
import io.kubemagic.engine.etcd.EtcdTarget;
import io.kubemagic.engine.etcd.MemberStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kubemagic etcd defrag}: the "ETCd Quotas" recovery in one run (status, plan, snapshot,
 * compaction, defragmentation followers first and leader last, alarm disarm, verification).
 */
@Command(name = "defrag",
        description = {"Recover from \"mvcc: database space exceeded\" (the NOSPACE alarm) or give space back: "
                + "status and plan, optional snapshot, compaction, defragmentation one member at a time "
                + "(followers first, leader last), NOSPACE alarm disarmed once every member is under the quota, "
                + "then a write and a KV-hash comparison.",
                "A member is defragmented when it has the NOSPACE alarm, uses more than --quota-usage-percent "
                        + "of the quota, or has more than --reclaimable-bytes to give back (or with --force)."},
        mixinStandardHelpOptions = true,
        modelTransformer = ExitCodes.HelpSection.class)
public final class EtcdDefragCommand extends EtcdLeafCommand {
    @Option(names = "--quota-bytes", paramLabel = "BYTES",
            description = "The quota etcd runs with, in bytes (default: ETCD_QUOTA_BACKEND_BYTES of --etcd-env, "
                    + "else etcd's 2147483648).")
    String quotaBytes;

    @Option(names = "--quota-usage-percent", paramLabel = "PERCENT",
            defaultValue = "" + DefragRule.DEFAULT_QUOTA_USAGE_PERCENT,
            description = "Defragment members using more than this much of the quota (default: ${DEFAULT-VALUE}).")
    double quotaUsagePercent;

    @Option(names = "--reclaimable-bytes", paramLabel = "BYTES",
            description = "Defragment members with more than this many bytes to give back "
                    + "(default: " + DefragRule.DEFAULT_RECLAIMABLE_BYTES + ", 200 MiB).")
    String reclaimableBytes;

    @Option(names = "--force", description = "Defragment every member, whatever the rule says.")
    boolean force;

    @Option(names = "--snapshot", paramLabel = "FILE", description = "Save a snapshot to FILE before changing anything.")
    String snapshot;

    @Option(names = "--no-compact", description = "Do not compact the key history first (defrag then gives back less).")
    boolean noCompact;

    @Option(names = "--keep-revisions", paramLabel = "N", defaultValue = "0",
            description = "Compact to the current revision minus N (default: ${DEFAULT-VALUE}).")
    long keepRevisions;

    @Option(names = "--no-disarm", description = "Keep the NOSPACE alarm (writes keep failing; exit code 4).")
    boolean noDisarm;

    @Option(names = "--no-verify", description = "Skip the write and KV-hash comparison at the end.")
    boolean noVerify;

    @Option(names = "--dry-run", description = "Print status and plan, change nothing.")
    boolean dryRun;

    @Option(names = "--member-timeout", paramLabel = "DURATION", defaultValue = "10m",
            description = "Time limit of one member's defragmentation, snapshot or compaction (default: ${DEFAULT-VALUE}).")
    String memberTimeout;

    @Override
    protected int run() {
        EtcdTarget target = target();
        long quota = connection.quota(quotaBytes);
        long reclaimable = reclaimableBytes == null ? DefragRule.DEFAULT_RECLAIMABLE_BYTES
                : parseBytes("--reclaimable-bytes", reclaimableBytes);
        DefragRule rule = new DefragRule(quotaUsagePercent, reclaimable, force);
        DefragRequest request = DefragRequest.builder(target)
                .quotaBytes(quota)
                .rule(rule)
                .snapshotPath(snapshot)
                .compact(!noCompact)
                .keepRevisions(keepRevisions)
                .disarmAlarms(!noDisarm)
                .verify(!noVerify)
                .dryRun(dryRun)
                .memberTimeout(Durations.parse("--member-timeout", memberTimeout))
                .build();
        DefragReport report = new DefragRunner(context()).run(request);
        if (output.json) {
            printJson(report);
        }
        return exitCode(report);
    }

    /** Completed, verified and the alarm gone: 0. Otherwise the table in {@link ExitCodes}. */
    int exitCode(DefragReport report) {
        if (!report.completed()) {
            error(report.failure());
            if (report.resumeHint() != null) {
                root().err().println(mask("kubemagic: " + report.resumeHint()));
            }
            if (report.audit() != null && report.audit().outcome() == AuditRecord.Outcome.ABORTED
                    || Thread.currentThread().isInterrupted()) {
                return ExitCodes.INTERRUPTED;
            }
            if (report.verification() != null && !report.verification().consistent()
                    || report.alarmsKeptReason() != null) {
                // Stopped at the verification, or after the NOSPACE alarm was kept (--no-disarm, still over quota).
                return ExitCodes.NOT_VERIFIED;
            }
            boolean noneAnswered = report.before().isEmpty()
                    || report.before().stream().noneMatch(MemberStatus::reachable);
            return noneAnswered ? ExitCodes.UNREACHABLE : ExitCodes.FAILED;
        }
        if (report.alarmsKeptReason() != null) {
            error("the NOSPACE alarm was kept (" + report.alarmsKeptReason() + "): writes still fail");
            return ExitCodes.NOT_VERIFIED;
        }
        return ExitCodes.OK;
    }

    private static long parseBytes(String field, String value) {
        String trimmed = value.trim();
        if (trimmed.equals("0")) {
            return 0;
        }
        return io.kubemagic.engine.etcd.QuotaBytes.parse(field, trimmed);
    }
}
