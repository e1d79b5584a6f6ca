package io.kubemagic.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubemagic.engine.json.Json;
import io.kubemagic.engine.testkit.ansible.FakeSite;
import io.kubemagic.engine.testkit.ansible.LoopbackSshd;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code kubemagic ansible ...} in-process, against real ansible-playbook and loopback sshd servers. */
class AnsibleCommandsTest {
    @TempDir
    static Path temp;
    static LoopbackSshd sshd;
    static Path site;
    static Path key;
    static Path knownHosts;
    static final String PASSPHRASE = "cli passphrase never echoed";

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(LoopbackSshd.available(), "needs openssh-server and ansible-core (scripts/install-test-packages.sh)");
        sshd = LoopbackSshd.start(temp.resolve("sshd"));
        key = sshd.generateKey("cli", PASSPHRASE, true).file();
        site = FakeSite.copy(temp.resolve("site"), sshd);
        knownHosts = temp.resolve("known_hosts");
        Files.writeString(knownHosts, sshd.knownHosts());
    }

    @AfterAll
    static void stop() {
        if (sshd != null) {
            sshd.close();
        }
    }

    private static Cli.Result run(String... args) {
        java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of("ansible", args[0], "--base-dir", site.toString(),
                "--key", key.toString(), "--known-hosts", knownHosts.toString()));
        all.addAll(java.util.List.of(args).subList(1, args.length));
        return Cli.run(Cli.env("KUBEMAGIC_SSH_PASSPHRASE", PASSPHRASE), all.toArray(String[]::new));
    }

    @Test
    void deployKubeAsJsonGivesThePerHostRecap() throws Exception {
        Path audit = temp.resolve("audit.jsonl");
        Cli.Result result = run("deploy-kube", "--inventory", "lab", "--json", "--audit-log", audit.toString(),
                "-e", "kubemagic_test_token=visible-token");

        assertThat(result.exitCode()).as(result.all()).isZero();
        JsonNode report = Json.mapper().readTree(result.out());
        assertThat(report.get("outcome").asText()).isEqualTo("SUCCESS");
        assertThat(report.get("hosts")).hasSize(4);
        assertThat(report.get("hosts").get(0).get("host").asText()).isEqualTo("node1");
        assertThat(result.err()).contains("PLAY RECAP", "token is visible-token");
        assertThat(result.all() + Files.readString(audit)).doesNotContain(PASSPHRASE);
        assertThat(Files.readString(audit)).contains("\"operation\":\"kubespray.deploy\"", "\"who\":\"tester\"");
    }

    @Test
    void aFailingHostExitsOneWithItsNameAndAnUnreachableOneExitsThree() throws Exception {
        Cli.Result failed = run("deploy-kube", "-e", "fail_on=node3", "--limit", "node3,node4");
        assertThat(failed.exitCode()).as(failed.all()).isEqualTo(ExitCodes.FAILED);
        assertThat(failed.err()).contains("HOSTS_FAILED", "failed on node3");

        Files.writeString(site.resolve("custom/dead"), "[nodes]\nghost ansible_host=127.0.0.1 ansible_port=1\n");
        Files.writeString(site.resolve("dead-site.yml"), "custom: {inventory: dead}\n");
        Cli.Result unreachable = run("playbook", "post.yml", "--site", "dead-site.yml");
        assertThat(unreachable.exitCode()).as(unreachable.all()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(unreachable.err()).contains("unreachable: ghost");

        Cli.Result parse = run("playbook", "broken.yml");
        assertThat(parse.exitCode()).as(parse.all()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(parse.err()).contains("PARSE_ERROR");
    }

    @Test
    void lintOfTheTrapInventoryExitsTwoWithTheFindings() {
        Cli.Result lint = Cli.run("ansible", "lint", "--base-dir", site.toString(), "--inventory", "trap", "--checkout", "kubespray",
                "--limit", "etcd,kube_control_plane");

        assertThat(lint.exitCode()).as(lint.all()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(lint.out()).contains("broken-host-not-in-group", "host node3", "etcd-member-name-in-group-vars",
                "etcd-quota-not-integer", "20Mi", "limit-undefined", "rename the group kube-master to kube_control_plane");

        Cli.Result clean = Cli.run("ansible", "lint", "--base-dir", site.toString(), "--checkout", "ceph,openshift,custom");
        assertThat(clean.exitCode()).as(clean.all()).isZero();
    }

    @Test
    void badInputIsRefusedBeforeAnythingRuns() {
        Cli.Result reset = run("reset", "--inventory", "lab");
        assertThat(reset.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(reset.err()).contains("set confirm to \"lab\"");

        Cli.Result scale = Cli.run("ansible", "scale", "--base-dir", site.toString());
        assertThat(scale.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(scale.err()).contains("--nodes");

        Cli.Result help = Cli.run("ansible", "--help");
        assertThat(help.out()).contains("deploy-kube", "recover-control-plane", "remove-node", "deploy-ceph", "deploy-openshift",
                "playbook", "lint");
    }
}
