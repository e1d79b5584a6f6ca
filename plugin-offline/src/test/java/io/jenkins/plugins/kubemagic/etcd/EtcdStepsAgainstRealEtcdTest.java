package io.jenkins.plugins.kubemagic.etcd;

import io.jenkins.plugins.kubemagic.BufferListener;
import io.jenkins.plugins.kubemagic.credentials.ResolvedCredential;
import io.kubemagic.engine.console.SecretValue;
import io.kubemagic.engine.etcd.ClusterStatus;
import io.kubemagic.engine.etcd.DefragReport;
import io.kubemagic.engine.etcd.local.LocalEtcdCluster;
import io.kubemagic.engine.testkit.EtcdAuth;
import io.kubemagic.engine.testkit.EtcdFill;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The incident in the order an operator lives it: etcdStatus shows the NOSPACE alarm, etcdDefrag
 * recovers. The steps' agent-side work, run as the agent would run it: the callable after a trip
 * through Java serialization like remoting's, its answer as the JSON text the controller reads
 * back (the controller accepts no engine class from an agent), against a real etcd with auth on.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EtcdStepsAgainstRealEtcdTest {
    private static final String PASSWORD = "Pipeline-Root-Secret-42";
    private static final long QUOTA = 16L * 1024 * 1024;
    @TempDir
    static Path workspace;
    static LocalEtcdCluster cluster;
    static Credentials credentials;

    @BeforeAll
    static void start() {
        cluster = LocalEtcdCluster.settings().quotaBytes(QUOTA).directory(workspace.resolve("etcd")).start();
        EtcdFill.untilNoSpace(cluster.clientUrls(), 256 * 1024, 2000);
        EtcdAuth.enableRoot(cluster, PASSWORD);
        credentials = new Credentials().with(new ResolvedCredential.UsernamePassword("etcd-root", "root", SecretValue.of(PASSWORD)));
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @SuppressWarnings("unchecked")
    private static <T> T overTheWire(T callable) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(callable);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }

    @Test
    @Order(1)
    void etcdStatusReturnsAMapPerMemberWithTheAlarm() throws Exception {
        EtcdStatusStep step = new EtcdStatusStep();
        step.setEndpoints(cluster.endpoints());
        step.setCredentialsId("etcd-root");
        step.setQuotaBytes(String.valueOf(QUOTA));
        BufferListener listener = new BufferListener();

        EtcdStatusCallable callable = step.callable(credentials, listener, "alice", workspace.toString());
        ClusterStatus status = callable.decode(overTheWire(callable).call());
        List<Map<String, Object>> result = EtcdResults.status(status);

        assertThat(result).hasSize(3).allSatisfy(member -> {
            assertThat(member.get("reachable")).isEqualTo(true);
            assertThat((List<String>) member.get("alarms")).contains("NOSPACE");
            assertThat((Double) member.get("quotaUsagePercent")).isGreaterThan(90.0);
        });
        assertThat(result).filteredOn(m -> Boolean.TRUE.equals(m.get("leader"))).hasSize(1);
        assertThat(listener.log()).contains("NOSPACE").doesNotContain(PASSWORD);
    }

    @Test
    @Order(2)
    void etcdDefragRecoversTheClusterAndTheBuildPageAndAuditKeepNoSecret() throws Exception {
        EtcdDefragStep step = new EtcdDefragStep();
        step.setEndpoints(cluster.endpoints());
        step.setCredentialsId("etcd-root");
        step.setQuotaBytes(String.valueOf(QUOTA));
        step.setAuditLog("audit/etcd.jsonl");
        step.setSnapshotFile("backup/before-defrag.db");
        BufferListener listener = new BufferListener();

        EtcdDefragCallable callable = step.callable(credentials, listener, "alice via jenkins:etcd#7", workspace.toString());
        DefragReport report = callable.decode(overTheWire(callable).call());
        Map<String, Object> result = EtcdDefragStep.resultOrFailure(report);

        assertThat(result.get("completed")).isEqualTo(true);
        assertThat(result.get("verified")).isEqualTo(true);
        assertThat((Integer) result.get("alarmsDisarmed")).isPositive();
        assertThat((List<Map<String, Object>>) result.get("members")).allSatisfy(m -> assertThat(m.get("state")).isEqualTo("DONE"));
        assertThat(Files.exists(workspace.resolve("backup/before-defrag.db"))).isTrue();

        EtcdReportAction action = new EtcdReportAction();
        action.addDefrag(report);
        Map<String, Object> entry = action.getEntries().get(0);
        assertThat(entry.get("kind")).isEqualTo("defrag");
        assertThat(((Map<String, Object>) entry.get("audit")).get("who")).isEqualTo("alice via jenkins:etcd#7");

        String auditFile = Files.readString(workspace.resolve("audit/etcd.jsonl"));
        assertThat(auditFile).contains("\"operation\":\"etcd.defrag\"").contains("\"outcome\":\"SUCCESS\"");
        assertThat(listener.log()).contains("disarmed").doesNotContain(PASSWORD);
        assertThat(auditFile).doesNotContain(PASSWORD);
        assertThat(action.getEntries().toString()).doesNotContain(PASSWORD);
    }
}
