package io.kubemagic.engine.etcd;

import io.kubemagic.engine.OperationContext;
import io.kubemagic.engine.audit.AuditRecord;
import io.kubemagic.engine.etcd.DefragReport.State;
import io.kubemagic.engine.etcd.local.LocalEtcdCluster;
import io.kubemagic.engine.testkit.EtcdFill;
import io.kubemagic.engine.testkit.RecordingConsole;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The incident from the operators' notes on a real 3-member etcd: the quota is exhausted, every
 * write fails with "database space exceeded", and one defrag run brings the cluster back.
 */
class DefragRecoveryTest {
    private static final long QUOTA = 16L * 1024 * 1024;

    @TempDir
    Path work;
    private LocalEtcdCluster cluster;

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private OperationContext context(RecordingConsole console) {
        return new OperationContext("alice", console, work.resolve("audit.jsonl"));
    }

    @Test
    void exhaustedQuotaIsRecoveredAndWritesWorkAgain() throws Exception {
        cluster = LocalEtcdCluster.settings().quotaBytes(QUOTA).directory(work.resolve("etcd")).start();
        int writes = EtcdFill.untilNoSpace(cluster.clientUrls(), 256 * 1024, 2000);
        assertThat(writes).isGreaterThan(10);

        EtcdTarget target = EtcdTarget.builder().endpoints(cluster.clientUrls()).build();
        RecordingConsole console = new RecordingConsole();
        DefragReport report = new DefragRunner(context(console)).run(DefragRequest.builder(target)
                .quotaBytes(QUOTA).snapshotPath(work.resolve("backup/etcd.db").toString()).build());

        assertThat(report.failure()).as(console.text()).isNull();
        assertThat(report.completed()).isTrue();
        assertThat(report.before()).allSatisfy(m -> assertThat(m.alarms()).contains("NOSPACE"));
        assertThat(report.members()).extracting(DefragReport.MemberOutcome::state).containsOnly(State.DONE);
        // Followers first, leader last.
        assertThat(report.plan().get(2).leader()).isTrue();
        assertThat(report.members()).allSatisfy(m -> assertThat(m.dbSizeAfter()).isLessThan(m.dbSizeBefore()));
        assertThat(report.alarmsDisarmed()).isNotEmpty();
        assertThat(report.after()).allSatisfy(m -> assertThat(m.alarms()).isEmpty());
        assertThat(report.verification().writeSucceeded()).isTrue();
        assertThat(report.verification().consistent()).isTrue();
        assertThat(report.snapshotBytes()).isPositive();
        Path snapshot = Path.of(report.snapshotFile());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(snapshot))).isEqualTo("rw-------");

        // The keys written before the incident are still there and new writes go through.
        try (EtcdSession session = EtcdSession.open(target)) {
            session.put("/after/defrag", "works");
        }
        assertThat(console.text()).contains("disarmed").contains("BEFORE").contains("AFTER")
                .contains("defragmenting 3/3: " + report.plan().get(2).name() + " (" + report.plan().get(2).endpoint() + ") (leader)");
        List<String> audit = Files.readAllLines(work.resolve("audit.jsonl"));
        assertThat(audit).hasSize(1);
        assertThat(audit.get(0)).contains("\"operation\":\"etcd.defrag\"").contains("\"who\":\"alice\"")
                .contains("\"outcome\":\"SUCCESS\"");
    }

    @Test
    void dryRunShowsThePlanAndChangesNothing() {
        cluster = LocalEtcdCluster.settings().quotaBytes(QUOTA).directory(work.resolve("etcd")).start();
        EtcdFill.untilNoSpace(cluster.clientUrls(), 256 * 1024, 2000);
        EtcdTarget target = EtcdTarget.builder().endpoints(cluster.clientUrls()).build();

        DefragReport report = new DefragRunner(context(new RecordingConsole()))
                .run(DefragRequest.builder(target).quotaBytes(QUOTA).dryRun(true).build());

        assertThat(report.completed()).isTrue();
        assertThat(report.plan()).allSatisfy(p -> assertThat(p.defrag()).isTrue());
        assertThat(report.members()).extracting(DefragReport.MemberOutcome::state).containsOnly(State.NOT_STARTED);
        assertThat(report.audit().outcome()).isEqualTo(AuditRecord.Outcome.DRY_RUN);
        ClusterStatus still = new EtcdMaintenance(context(new RecordingConsole())).status(target, QUOTA);
        assertThat(still.anyNoSpaceAlarm()).isTrue();
    }

    @Test
    void aMemberThatIsDownStopsTheRunBeforeAnythingChanges() {
        cluster = LocalEtcdCluster.settings().directory(work.resolve("etcd")).start();
        cluster.member(1).kill();
        EtcdTarget target = EtcdTarget.builder().endpoints(cluster.clientUrls()).build();

        DefragReport report = new DefragRunner(context(new RecordingConsole()))
                .run(DefragRequest.builder(target).rule(new DefragRule(80, 0, true)).build());

        assertThat(report.completed()).isFalse();
        assertThat(report.failure()).contains("did not answer").contains(cluster.member(1).clientUrl().toString())
                .contains("Nothing was changed");
        assertThat(report.members()).isEmpty();
        assertThat(report.audit().outcome()).isEqualTo(AuditRecord.Outcome.FAILURE);
    }

    @Test
    void aMemberKilledMidRunStopsWithARecordOfWhatWasDone() {
        cluster = LocalEtcdCluster.settings().directory(work.resolve("etcd")).start();
        EtcdTarget target = EtcdTarget.builder().endpoints(cluster.clientUrls()).build();
        RecordingConsole console = new RecordingConsole() {
            private boolean killed;

            @Override
            public synchronized void line(String text) {
                super.line(text);
                // Kill the member that is next in line the moment the first one is done.
                if (!killed && text.contains("defragmenting 2/3")) {
                    killed = true;
                    String endpoint = text.substring(text.indexOf("http://"), text.indexOf(')', text.indexOf("http://")));
                    cluster.members().stream().filter(m -> m.clientUrl().toString().equals(endpoint)).findFirst()
                            .orElseThrow().kill();
                }
            }
        };

        DefragReport report = new DefragRunner(context(console))
                .run(DefragRequest.builder(target).rule(new DefragRule(80, 0, true)).build());

        assertThat(report.completed()).isFalse();
        assertThat(report.members()).extracting(DefragReport.MemberOutcome::state)
                .containsExactlyInAnyOrder(State.DONE, State.FAILED, State.NOT_STARTED);
        assertThat(report.resumeHint()).startsWith("done: ").contains("not done: ");
        assertThat(console.text()).contains("ERROR").contains("run defrag again");
    }

    @Test
    void membersLeftOutOfTheEndpointsAreNamed() {
        cluster = LocalEtcdCluster.settings().directory(work.resolve("etcd")).start();
        EtcdTarget target = EtcdTarget.builder().endpoints(List.of(cluster.member(0).clientUrl())).build();

        DefragReport report = new DefragRunner(context(new RecordingConsole())).run(DefragRequest.builder(target).dryRun(true).build());

        assertThat(report.warnings()).anySatisfy(w -> assertThat(w).contains("member etcd2").contains("not among the endpoints"));
        assertThat(report.warnings()).anySatisfy(w -> assertThat(w).contains("member etcd3"));
        assertThat(report.warnings()).noneSatisfy(w -> assertThat(w).contains("member etcd1 "));
    }
}
