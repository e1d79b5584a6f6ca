package io.jenkins.plugins.kubemagic.etcd;

import hudson.AbortException;
import io.kubemagic.engine.etcd.DefragReport;
import io.kubemagic.engine.etcd.DefragRequest;
import io.kubemagic.engine.etcd.DefragRule;
import io.kubemagic.engine.etcd.QuotaBytes;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EtcdDefragMappingTest {

    @Test
    void defaultsAreTheSafeOnes() {
        EtcdDefragStep step = new EtcdDefragStep();
        step.setEndpoints("http://127.0.0.1:2379");

        DefragRequest request = step.request(new Credentials(), "/ws");

        assertThat(request.dryRun()).isFalse();
        assertThat(request.compact()).isTrue();
        assertThat(request.disarmAlarms()).isTrue();
        assertThat(request.verify()).isTrue();
        assertThat(request.rule()).isEqualTo(DefragRule.defaults());
        assertThat(request.quotaBytes()).isEqualTo(QuotaBytes.ETCD_DEFAULT);
        assertThat(request.snapshotPath()).isNull();
        assertThat(request.memberTimeout()).hasSeconds(600);
    }

    @Test
    void everyFieldReachesTheRequest() {
        EtcdDefragStep step = new EtcdDefragStep();
        step.setEndpoints("http://127.0.0.1:2379");
        step.setQuotaBytes("8589934592");
        step.setQuotaUsagePercent(50);
        step.setReclaimableBytes("1048576");
        step.setForce(true);
        step.setSnapshotFile("backups/etcd.db");
        step.setCompact(false);
        step.setKeepRevisions(1000);
        step.setDisarmAlarms(false);
        step.setVerify(false);
        step.setDryRun(true);
        step.setMemberTimeoutSeconds(30);

        DefragRequest request = step.request(new Credentials(), "/var/lib/jenkins/workspace/etcd");

        assertThat(request.quotaBytes()).isEqualTo(8589934592L);
        assertThat(request.rule()).isEqualTo(new DefragRule(50, 1048576, true));
        assertThat(request.snapshotPath()).isEqualTo("/var/lib/jenkins/workspace/etcd/backups/etcd.db");
        assertThat(request.compact()).isFalse();
        assertThat(request.keepRevisions()).isEqualTo(1000);
        assertThat(request.disarmAlarms()).isFalse();
        assertThat(request.verify()).isFalse();
        assertThat(request.dryRun()).isTrue();
        assertThat(request.memberTimeout()).hasSeconds(30);
    }

    @Test
    void thresholdsWithUnitsAreRefusedLikeQuotas() {
        EtcdDefragStep step = new EtcdDefragStep();
        step.setEndpoints("http://127.0.0.1:2379");
        step.setReclaimableBytes("200Mi");

        assertThatThrownBy(() -> step.request(new Credentials(), "/ws"))
                .hasMessageStartingWith("reclaimableBytes: \"200Mi\"").hasMessageContaining("209715200");
    }

    @Test
    void aStoppedRunFailsTheStepWithWhereItStoppedAndHowToResume() {
        DefragReport stopped = new DefragReport(List.of(), List.of(), List.of(), List.of(), null, 0, 0, List.of(), null, null,
                false, false, "defragmentation of etcd2 failed: connection refused",
                "done: etcd1; not done: etcd2, etcd3. Fix the cause and run defrag again", List.of(), null);

        assertThatThrownBy(() -> EtcdDefragStep.resultOrFailure(stopped)).isInstanceOf(AbortException.class)
                .hasMessageContaining("etcd2 failed").hasMessageContaining("done: etcd1; not done: etcd2, etcd3");
    }

    @Test
    void etcdStatusFailsOnlyWhenNoMemberAnswers() throws Exception {
        io.kubemagic.engine.etcd.MemberStatus up = new io.kubemagic.engine.etcd.MemberStatus("http://127.0.0.1:2379", "etcd1",
                "1", true, "3.4.23", 1, 1, QuotaBytes.ETCD_DEFAULT, 1, 1, 1, List.of(), null);
        io.kubemagic.engine.etcd.MemberStatus down = new io.kubemagic.engine.etcd.MemberStatus("http://127.0.0.1:2380", "etcd2",
                null, false, null, -1, -1, QuotaBytes.ETCD_DEFAULT, -1, -1, -1, List.of(),
                "status on http://127.0.0.1:2380 failed: the server's TLS certificate is not signed by the CA given");

        assertThat(EtcdStatusStep.resultOrFailure(new io.kubemagic.engine.etcd.ClusterStatus(List.of(up, down), 1)))
                .hasSize(2);
        assertThatThrownBy(() -> EtcdStatusStep.resultOrFailure(new io.kubemagic.engine.etcd.ClusterStatus(List.of(down), 1)))
                .isInstanceOf(AbortException.class).hasMessageContaining("no member answered").hasMessageContaining("not signed by the CA");
    }
}
