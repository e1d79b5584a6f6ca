package io.kubemagic.engine.etcd;

import io.kubemagic.engine.KubeMagicException;
import io.kubemagic.engine.OperationContext;
import io.kubemagic.engine.audit.AuditRecord;
import io.kubemagic.engine.console.Console;
import io.kubemagic.engine.etcd.DefragReport.MemberOutcome;
import io.kubemagic.engine.etcd.DefragReport.PlannedMember;
import io.kubemagic.engine.etcd.DefragReport.State;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The recovery from the operators' "ETCd Quotas" incident, as one run: status, plan, optional
 * snapshot, compaction, defragmentation one member at a time (followers first, leader last,
 * each healthy again before the next), NOSPACE alarms disarmed only when every member is under
 * the quota, then a write and a KV-hash comparison to prove nothing was lost.
 */
public final class DefragRunner {
    private final OperationContext context;

    public DefragRunner(OperationContext context) {
        this.context = context;
    }

    public DefragReport run(DefragRequest request) {
        request.target().registerSecrets(context.masker());
        Console console = context.console();
        var audit = context.audit().begin(context.who(), "etcd.defrag", request.target().describe(), request.describe());
        Run run = new Run(request, console);
        try (EtcdSession session = EtcdSession.open(request.target())) {
            run.execute(session);
        } catch (KubeMagicException e) {
            run.fail(e.getMessage());
        }
        AuditRecord record = audit.finish(run.outcome(), run.summary());
        return run.report(record);
    }

    /** The state of one run, so that a failure at any point still reports what was done. */
    private final class Run {
        private final DefragRequest request;
        private final Console console;
        private final List<String> warnings = new ArrayList<>();
        private List<PlannedMember> plan = List.of();
        private List<MemberStatus> before = List.of();
        private List<MemberStatus> after = List.of();
        private final Map<String, MemberOutcome> outcomes = new LinkedHashMap<>();
        private String snapshotFile;
        private long snapshotBytes;
        private long compactedRevision;
        private final List<AlarmInfo> disarmed = new ArrayList<>();
        private String alarmsKeptReason;
        private DefragReport.Verification verification;
        private String failure;
        private String resumeHint;
        private boolean interrupted;

        Run(DefragRequest request, Console console) {
            this.request = request;
            this.console = console;
        }

        void execute(EtcdSession session) {
            QuotaBytes.warningFor("quotaBytes", request.quotaBytes()).ifPresent(this::warn);
            ClusterStatus status = ClusterStatusReader.read(session, request.quotaBytes());
            before = status.members();
            EtcdTables.status(before).forEach(console::line);
            warnAboutMembersNotGiven(session);
            plan = plan(status);
            printPlan();
            if (!status.unreachable().isEmpty()) {
                List<String> down = status.unreachable().stream().map(m -> m.label() + ": " + m.error()).toList();
                throw new KubeMagicException("refusing to defragment: " + down.size() + " member(s) did not answer, "
                        + "and defragmenting another member now could cost the cluster its quorum. Nothing was changed. "
                        + String.join("; ", down)
                        + ". Bring the member back, or remove a dead member first (kubemagic etcd members remove).");
            }
            if (request.dryRun()) {
                console.progress("dry run: nothing was changed");
                plan.forEach(p -> outcomes.put(p.endpoint(), outcome(p, State.NOT_STARTED, "dry run")));
                return;
            }
            if (request.snapshotPath() != null) {
                SnapshotWriter.Written written = SnapshotWriter.write(session, request.snapshotPath(), request.memberTimeout(), console);
                snapshotFile = written.path();
                snapshotBytes = written.bytes();
            }
            if (request.compact()) {
                compact(session);
            }
            for (PlannedMember member : plan) {
                outcomes.put(member.endpoint(), outcome(member, member.defrag() ? State.NOT_STARTED : State.SKIPPED,
                        member.defrag() ? "" : "not needed by the rule"));
            }
            defragmentInOrder(session);
            handleAlarms(session, ClusterStatusReader.read(session, request.quotaBytes()));
            ClusterStatus afterStatus = ClusterStatusReader.read(session, request.quotaBytes());
            after = afterStatus.members();
            if (request.verify()) {
                verification = Verifier.verify(session, afterStatus, console);
                if (!verification.consistent()) {
                    throw new KubeMagicException("verification failed: " + verification.detail());
                }
            }
            EtcdTables.beforeAfter(before, after).forEach(console::line);
        }

        /** etcdctl's --cluster would reach them; a defrag of only some members leaves the others full. */
        private void warnAboutMembersNotGiven(EtcdSession session) {
            List<String> given = request.target().endpoints().stream().map(URI::toString).toList();
            List<MemberInfo> members;
            try {
                members = session.members();
            } catch (KubeMagicException quorumLost) {
                return;
            }
            for (MemberInfo member : members) {
                boolean listed = member.clientUrls().stream().map(EtcdEndpoints::normalize).anyMatch(given::contains);
                if (!listed && !member.clientUrls().isEmpty()) {
                    warn("member " + member.name() + " " + member.clientUrls() + " is not among the endpoints: it is "
                            + "neither checked nor defragmented; add its client URL to defragment the whole cluster");
                }
            }
        }

        private List<PlannedMember> plan(ClusterStatus status) {
            List<PlannedMember> planned = new ArrayList<>();
            status.members().stream()
                    .sorted(Comparator.comparing(MemberStatus::leader).thenComparing(MemberStatus::endpoint))
                    .forEach(m -> {
                        Optional<String> reason = m.reachable() ? request.rule().reason(m) : Optional.of("unreachable");
                        planned.add(new PlannedMember(m.endpoint(), m.name(), m.leader(),
                                m.reachable() && reason.isPresent(), reason.orElse("under the thresholds")));
                    });
            return List.copyOf(planned);
        }

        private void printPlan() {
            console.progress("plan (rule: " + request.rule().describe() + "; followers first, leader last):");
            int step = 1;
            for (PlannedMember member : plan) {
                console.line(String.format("  %d. %-40s %-9s %s", step++, member.name() == null ? member.endpoint()
                        : member.name() + " " + member.endpoint(), member.leader() ? "leader" : "follower",
                        member.defrag() ? "defragment (" + member.reason() + ")" : "skip (" + member.reason() + ")"));
            }
        }

        private void compact(EtcdSession session) {
            long current = session.currentRevision();
            long revision = current - request.keepRevisions();
            if (revision <= 1) {
                console.progress("compaction skipped: revision " + current + " keeping " + request.keepRevisions());
                return;
            }
            console.progress("compacting to revision " + revision + (request.keepRevisions() > 0
                    ? " (keeping the last " + request.keepRevisions() + ")" : ""));
            try {
                session.compact(revision, request.memberTimeout());
                compactedRevision = revision;
            } catch (KubeMagicException e) {
                if (e.getMessage().contains("compacted")) {
                    console.progress("revision " + revision + " was already compacted");
                } else {
                    throw e;
                }
            }
        }

        /** Leader last, chosen again before each member because leadership can move during the run. */
        private void defragmentInOrder(EtcdSession session) {
            List<PlannedMember> remaining = new ArrayList<>(plan.stream().filter(PlannedMember::defrag).toList());
            int total = remaining.size();
            int done = 0;
            while (!remaining.isEmpty()) {
                ClusterStatus now = ClusterStatusReader.read(session, request.quotaBytes());
                String leader = now.leader().map(MemberStatus::endpoint).orElse("");
                PlannedMember next = remaining.stream().filter(m -> !m.endpoint().equals(leader)).findFirst()
                        .orElse(remaining.get(0));
                remaining.remove(next);
                done++;
                defragmentOne(session, next, done, total, next.endpoint().equals(leader));
            }
            if (total == 0) {
                console.progress("no member needs defragmenting (" + request.rule().describe() + ")");
            }
        }

        private void defragmentOne(EtcdSession session, PlannedMember member, int index, int total, boolean leader) {
            URI endpoint = URI.create(member.endpoint());
            long sizeBefore = sizeOf(member.endpoint(), before);
            console.progress("defragmenting " + index + "/" + total + ": " + label(member) + (leader ? " (leader)" : ""));
            Instant start = Instant.now();
            try {
                session.defragment(endpoint, request.memberTimeout());
                MemberStatus healthy = waitHealthy(session, endpoint, member.name());
                long millis = Duration.between(start, Instant.now()).toMillis();
                outcomes.put(member.endpoint(), new MemberOutcome(member.endpoint(), member.name(), State.DONE, sizeBefore,
                        healthy.dbSize(), millis, "healthy again"));
                console.progress(String.format("  %s: %s -> %s in %.1f s", label(member), QuotaBytes.human(sizeBefore),
                        QuotaBytes.human(healthy.dbSize()), millis / 1000.0));
            } catch (KubeMagicException e) {
                outcomes.put(member.endpoint(), new MemberOutcome(member.endpoint(), member.name(), State.FAILED, sizeBefore,
                        -1, Duration.between(start, Instant.now()).toMillis(), e.getMessage()));
                throw new KubeMagicException("defragmentation of " + label(member) + " failed: " + e.getMessage(), e);
            }
        }

        private MemberStatus waitHealthy(EtcdSession session, URI endpoint, String name) {
            Instant deadline = Instant.now().plus(request.memberTimeout());
            MemberStatus status;
            do {
                status = session.status(endpoint, name, request.quotaBytes(), Map.of(), Map.of());
                if (status.reachable()) {
                    return status;
                }
                sleep(250);
            } while (Instant.now().isBefore(deadline));
            throw new KubeMagicException("member did not answer again within " + request.memberTimeout() + ": " + status.error());
        }

        private void handleAlarms(EtcdSession session, ClusterStatus status) {
            List<AlarmInfo> alarms = session.alarms();
            List<AlarmInfo> noSpace = alarms.stream().filter(a -> a.type().equals("NOSPACE")).toList();
            if (noSpace.isEmpty()) {
                return;
            }
            if (!request.disarmAlarms()) {
                alarmsKeptReason = "disarmAlarms is off";
                warn("NOSPACE alarm kept (disarmAlarms is off): writes keep failing until it is disarmed");
                return;
            }
            List<MemberStatus> over = status.members().stream().filter(m -> m.dbSize() >= m.quotaBytes()).toList();
            if (!over.isEmpty()) {
                alarmsKeptReason = "still over the quota: " + over.stream()
                        .map(m -> m.label() + " " + QuotaBytes.human(m.dbSize()) + " of " + QuotaBytes.human(m.quotaBytes()))
                        .toList();
                warn("NOSPACE alarm kept, because disarming it now would only let etcd raise it again: " + alarmsKeptReason
                        + ". Delete data or raise the quota (etcd --quota-backend-bytes), then run defrag again.");
                return;
            }
            for (AlarmInfo alarm : noSpace) {
                session.disarm(alarm);
                disarmed.add(alarm);
            }
            console.progress("disarmed " + disarmed.size() + " NOSPACE alarm(s): every member is under the quota of "
                    + QuotaBytes.human(request.quotaBytes()));
        }

        private void warn(String warning) {
            warnings.add(warning);
            console.warn(warning);
        }

        void fail(String message) {
            failure = message;
            interrupted = Thread.currentThread().isInterrupted();
            List<String> done = outcomes.values().stream().filter(o -> o.state() == State.DONE).map(this::label).toList();
            List<String> left = outcomes.values().stream().filter(o -> o.state() == State.NOT_STARTED || o.state() == State.FAILED)
                    .map(this::label).toList();
            if (!done.isEmpty() || !left.isEmpty()) {
                resumeHint = "done: " + (done.isEmpty() ? "none" : String.join(", ", done))
                        + "; not done: " + (left.isEmpty() ? "none" : String.join(", ", left))
                        + ". Fix the cause and run defrag again: members that no longer need it are skipped by the rule"
                        + (request.rule().force() ? " (drop force to skip the members already done)" : "") + ".";
            } else {
                resumeHint = "nothing was changed; fix the cause and run defrag again.";
            }
            console.line("[kubemagic] ERROR: " + message);
            console.line("[kubemagic] " + resumeHint);
        }

        private String label(MemberOutcome outcome) {
            return outcome.name() == null ? outcome.endpoint() : outcome.name() + " (" + outcome.endpoint() + ")";
        }

        private String label(PlannedMember member) {
            return member.name() == null ? member.endpoint() : member.name() + " (" + member.endpoint() + ")";
        }

        private MemberOutcome outcome(PlannedMember member, State state, String detail) {
            long size = sizeOf(member.endpoint(), before);
            return new MemberOutcome(member.endpoint(), member.name(), state, size, -1, 0, detail);
        }

        AuditRecord.Outcome outcome() {
            if (failure != null) {
                return interrupted ? AuditRecord.Outcome.ABORTED : AuditRecord.Outcome.FAILURE;
            }
            return request.dryRun() ? AuditRecord.Outcome.DRY_RUN : AuditRecord.Outcome.SUCCESS;
        }

        String summary() {
            if (failure != null) {
                return failure + " | " + resumeHint;
            }
            long done = outcomes.values().stream().filter(o -> o.state() == State.DONE).count();
            return (request.dryRun() ? "dry run: " : "") + done + " member(s) defragmented, "
                    + disarmed.size() + " alarm(s) disarmed"
                    + (verification != null ? ", verified at revision " + verification.revision() : "");
        }

        DefragReport report(AuditRecord record) {
            return new DefragReport(plan, before, after, List.copyOf(outcomes.values()), snapshotFile, snapshotBytes,
                    compactedRevision, List.copyOf(disarmed), alarmsKeptReason, verification, request.dryRun(),
                    failure == null, failure, resumeHint, List.copyOf(warnings), record);
        }
    }

    private static long sizeOf(String endpoint, List<MemberStatus> statuses) {
        return statuses.stream().filter(s -> s.endpoint().equals(endpoint)).mapToLong(MemberStatus::dbSize).findFirst().orElse(-1);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KubeMagicException("interrupted (aborted) while waiting for a member", e);
        }
    }
}
