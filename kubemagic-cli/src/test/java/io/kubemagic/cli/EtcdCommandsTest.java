package io.kubemagic.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubemagic.engine.etcd.local.LocalEtcdCluster;
import io.kubemagic.engine.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The etcd commands against one real 3-member cluster on loopback, shared by the whole class. */
class EtcdCommandsTest {
    private static LocalEtcdCluster cluster;
    private static String endpoints;

    @TempDir
    Path temp;

    @BeforeAll
    static void startCluster() {
        cluster = LocalEtcdCluster.settings().size(3).binaries("/usr/bin/etcd", "/usr/bin/etcdctl").start();
        endpoints = cluster.endpoints();
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void statusPrintsOneRowPerMember() {
        Cli.Result result = Cli.run("etcd", "status", "--endpoints", endpoints);
        assertThat(result.exitCode()).as(result.err()).isZero();
        List<String> lines = result.out().lines().toList();
        assertThat(lines.get(0)).startsWith("ENDPOINT").contains("NAME", "DB SIZE", "IN USE", "QUOTA USED", "ALARMS");
        for (var member : cluster.members()) {
            assertThat(result.out()).containsPattern("\\Q" + member.clientUrl() + "\\E\\s+" + member.name() + "\\s");
        }
        assertThat(lines.stream().filter(l -> l.matches(".*\\s(yes)\\s.*")).count()).as("one leader").isEqualTo(1);
        assertThat(result.out()).contains("of 2 GiB").doesNotContain("WARNING");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void statusAsJsonIsOnlyJsonOnStdout() throws IOException {
        Cli.Result result = Cli.run("etcd", "status", "--endpoints", endpoints, "--json", "--quota-bytes", "8589934592");
        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode status = Json.mapper().readTree(result.out());
        assertThat(status.get("quotaBytes").asLong()).isEqualTo(8589934592L);
        assertThat(status.get("members")).hasSize(3);
        for (JsonNode member : status.get("members")) {
            assertThat(member.get("endpoint").asText()).startsWith("http://127.0.0.1:");
            assertThat(member.get("dbSize").asLong()).isPositive();
            assertThat(member.get("error").isNull()).isTrue();
        }
        assertThat(result.err()).contains("ENDPOINT");
    }

    @Test
    void endpointsComeFromEtcdctlEndpointsWhenNotGiven() {
        Cli.Result result = Cli.run(Cli.env("ETCDCTL_ENDPOINTS", endpoints), "etcd", "status");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains(cluster.member(0).clientUrl().toString());
    }

    @Test
    void smallQuotaIsWarnedAbout() {
        Cli.Result result = Cli.run("etcd", "status", "--endpoints", endpoints, "--quota-bytes", "20971520");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("WARNING", "20 MiB", "under 1 GiB", "Did you mean 21474836480");
    }

    @Test
    void etcdEnvOfThisClusterIsRefusedBecauseItsPeerPortsAreNot2380() throws IOException {
        // LocalEtcdCluster's peers cannot all sit on 2380 on one loopback address: its etcd.env is the honest refusal case.
        Path env = Files.writeString(temp.resolve("etcd.env"), cluster.etcdEnvContent());
        Cli.Result result = Cli.run("etcd", "status", "--etcd-env", env.toString());
        assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(result.err()).contains("does not use port 2380", "give the endpoints directly", "etcd1");
        assertThat(result.all()).doesNotContain("\tat ");
    }

    @Test
    void etcdEnvGivesEndpointsNamesAndQuota() throws IOException {
        assumeTrue(portFree(2379), "something listens on 127.0.0.1:2379");
        Path env = Files.writeString(temp.resolve("etcd.env"), """
                # Kubespray /etc/etcd.env
                ETCD_NAME=etcd-a
                ETCD_INITIAL_CLUSTER=etcd-a=http://127.0.0.1:2380
                ETCD_QUOTA_BACKEND_BYTES=8589934592
                """);
        Cli.Result result = Cli.run("etcd", "status", "--etcd-env", env.toString(), "--json", "--command-timeout", "3s");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        JsonNode status = Json.mapper().readTree(result.out());
        assertThat(status.get("quotaBytes").asLong()).isEqualTo(8589934592L);
        JsonNode member = status.get("members").get(0);
        assertThat(member.get("endpoint").asText()).isEqualTo("http://127.0.0.1:2379");
        assertThat(member.get("name").asText()).isEqualTo("etcd-a");
        assertThat(result.err()).contains("connection refused");

        Path badQuota = Files.writeString(temp.resolve("bad.env"), "ETCD_INITIAL_CLUSTER=etcd-a=http://127.0.0.1:2380\n"
                + "ETCD_QUOTA_BACKEND_BYTES=2G\n");
        Cli.Result refused = Cli.run("etcd", "status", "--etcd-env", badQuota.toString());
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(refused.err()).contains("ETCD_QUOTA_BACKEND_BYTES", "Write 2147483648");
    }

    @Test
    void closedPortExitsUnreachableWithinTheCommandTimeout() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Cli.Result result = Cli.run("etcd", "status", "--endpoints", "http://127.0.0.1:" + port, "--command-timeout", "5s");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(result.err()).contains("connection refused").doesNotContain("\tat ");
        assertThat(result.took()).isLessThan(Duration.ofSeconds(5));

        Cli.Result alarms = Cli.run("etcd", "alarms", "list", "--endpoints", "http://127.0.0.1:" + port, "--command-timeout", "5s");
        assertThat(alarms.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(alarms.err()).contains("connection refused");
        assertThat(alarms.took()).isLessThan(Duration.ofSeconds(5));

        Cli.Result defrag = Cli.run("etcd", "defrag", "--endpoints", "http://127.0.0.1:" + port, "--command-timeout", "5s");
        assertThat(defrag.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(defrag.err()).contains("did not answer", "nothing was changed");
    }

    @Test
    void alarmsAndMembers() throws IOException {
        Cli.Result alarms = Cli.run("etcd", "alarms", "list", "--endpoints", endpoints);
        assertThat(alarms.exitCode()).as(alarms.err()).isZero();
        assertThat(alarms.out()).contains("no alarms");

        Cli.Result disarm = Cli.run("etcd", "alarms", "disarm", "--endpoints", endpoints);
        assertThat(disarm.exitCode()).isZero();
        assertThat(disarm.out()).contains("no alarm to disarm");

        Cli.Result members = Cli.run("etcd", "members", "list", "--endpoints", endpoints);
        assertThat(members.exitCode()).isZero();
        assertThat(members.out()).startsWith("ID").contains("etcd1", "etcd2", "etcd3", cluster.member(1).peerUrl().toString());

        Cli.Result json = Cli.run("etcd", "members", "list", "--endpoints", endpoints, "--json");
        assertThat(Json.mapper().readTree(json.out())).hasSize(3);

        Cli.Result unknown = Cli.run("etcd", "members", "remove", "etcd9", "--endpoints", endpoints);
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(unknown.err()).contains("neither the id nor the name");

        Cli.Result live = Cli.run("etcd", "members", "remove", "etcd2", "--endpoints", endpoints);
        assertThat(live.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(live.err()).contains("refusing to remove", "it is running");
    }

    @Test
    void defragDryRunThenForcedWithAuditLog() throws IOException {
        Path audit = temp.resolve("audit/kubemagic.jsonl");
        Cli.Result dry = Cli.run(Cli.env("KUBEMAGIC_AUDIT_LOG", audit.toString()),
                "etcd", "defrag", "--endpoints", endpoints, "--dry-run");
        assertThat(dry.exitCode()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("plan (rule:", "skip (under the thresholds)", "dry run: nothing was changed");

        Cli.Result forced = Cli.run("etcd", "defrag", "--endpoints", endpoints, "--force", "--keep-revisions", "5",
                "--snapshot", temp.resolve("snap.db").toString(), "--audit-log", audit.toString(), "--who", "oncall");
        assertThat(forced.exitCode()).as(forced.out() + forced.err()).isZero();
        assertThat(forced.out()).contains("defragmenting 1/3", "defragmenting 3/3", "(leader)", "write check passed",
                "MEMBER", "BEFORE", "AFTER");
        assertThat(temp.resolve("snap.db")).isNotEmptyFile();

        List<String> records = Files.readAllLines(audit);
        assertThat(records).hasSize(2);
        JsonNode first = Json.mapper().readTree(records.get(0));
        assertThat(first.get("operation").asText()).isEqualTo("etcd.defrag");
        assertThat(first.get("who").asText()).isEqualTo("tester");
        assertThat(first.get("outcome").asText()).isEqualTo("DRY_RUN");
        JsonNode second = Json.mapper().readTree(records.get(1));
        assertThat(second.get("who").asText()).isEqualTo("oncall");
        assertThat(second.get("outcome").asText()).isEqualTo("SUCCESS");

        Cli.Result json = Cli.run("etcd", "defrag", "--endpoints", endpoints, "--dry-run", "--json");
        JsonNode report = Json.mapper().readTree(json.out());
        assertThat(report.get("completed").asBoolean()).isTrue();
        assertThat(report.get("dryRun").asBoolean()).isTrue();
        assertThat(report.get("plan")).hasSize(3);
    }

    @Test
    void compact() {
        Cli.Result result = Cli.run("etcd", "compact", "--endpoints", endpoints, "--keep-revisions", "1000000");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(result.err()).contains("leaves nothing to compact");
    }

    private static boolean portFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return socket.isBound();
        } catch (IOException e) {
            return false;
        }
    }
}
