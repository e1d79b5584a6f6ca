package io.kubemagic.engine.etcd;

import io.kubemagic.engine.KubeMagicException;
import io.kubemagic.engine.OperationContext;
import io.kubemagic.engine.etcd.local.LocalEtcdCluster;
import io.kubemagic.engine.testkit.EtcdFill;
import io.kubemagic.engine.testkit.RecordingConsole;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The smaller operations on a real cluster: the stale-member fix, alarms, compaction. */
class MembersAlarmsCompactTest {
    @TempDir
    Path work;
    LocalEtcdCluster cluster;

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private EtcdMaintenance maintenance(RecordingConsole console) {
        return new EtcdMaintenance(new OperationContext("ops", console, work.resolve("audit.jsonl")));
    }

    @Test
    void aDeadMemberIsRemovedByNameButALiveOneOnlyWithForce() throws Exception {
        cluster = LocalEtcdCluster.settings().directory(work.resolve("etcd")).start();
        EtcdTarget target = EtcdTarget.builder().endpoints(cluster.clientUrls()).commandTimeout(Duration.ofSeconds(5)).build();
        EtcdMaintenance maintenance = maintenance(new RecordingConsole());

        assertThatThrownBy(() -> maintenance.removeMember(target, "etcd3", false))
                .isInstanceOf(KubeMagicException.class).hasMessageContaining("it is running and answers");
        assertThatThrownBy(() -> maintenance.removeMember(target, "etcd9", false))
                .hasMessageContaining("neither the id nor the name of a member");

        cluster.member(2).kill();
        MemberInfo removed = maintenance.removeMember(target, "etcd3", false);

        assertThat(removed.name()).isEqualTo("etcd3");
        List<MemberInfo> members = maintenance.members(target);
        assertThat(members).extracting(MemberInfo::name).containsExactlyInAnyOrder("etcd1", "etcd2");
        assertThat(members).allSatisfy(m -> assertThat(m.id()).matches("[0-9a-f]+"));
        assertThat(Files.readString(work.resolve("audit.jsonl")))
                .contains("\"operation\":\"etcd.members.remove\"").contains("\"outcome\":\"FAILURE\"").contains("\"outcome\":\"SUCCESS\"");
    }

    @Test
    void alarmsAreListedAndDisarmedAndCompactionKeepsWhatWasAsked() {
        cluster = LocalEtcdCluster.settings().quotaBytes(16L * 1024 * 1024).directory(work.resolve("etcd")).start();
        EtcdFill.untilNoSpace(cluster.clientUrls(), 256 * 1024, 2000);
        EtcdTarget target = EtcdTarget.builder().endpoints(cluster.clientUrls()).build();
        EtcdMaintenance maintenance = maintenance(new RecordingConsole());

        List<AlarmInfo> alarms = maintenance.alarms(target);
        assertThat(alarms).isNotEmpty().allSatisfy(a -> assertThat(a.type()).isEqualTo("NOSPACE"));

        try (EtcdSession session = EtcdSession.open(target)) {
            long current = session.currentRevision();
            long compacted = maintenance.compact(target, 5, Duration.ofSeconds(30));
            assertThat(compacted).isEqualTo(current - 5);
        }
        assertThat(maintenance.disarmAlarms(target)).hasSameSizeAs(alarms);
        assertThat(maintenance.alarms(target)).isEmpty();
        assertThatThrownBy(() -> maintenance.compact(target, 1_000_000, Duration.ofSeconds(5)))
                .hasMessageStartingWith("keepRevisions:");
    }
}
