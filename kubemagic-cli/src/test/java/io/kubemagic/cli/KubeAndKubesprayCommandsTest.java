package io.kubemagic.cli;

import io.kubemagic.engine.kube.MockCluster;
import io.kubemagic.engine.kubespray.ReleaseFacts;
import io.kubemagic.engine.kubespray.SyntheticKubespray;
import io.kubemagic.engine.kubespray.Version;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** kubemagic kube ... against the mock API server, kubemagic kubespray plan against a synthetic checkout. */
class KubeAndKubesprayCommandsTest {

    @Test
    void cordonThenADrainBlockedByABudgetExitsOneAndNamesIt(@TempDir Path dir) throws Exception {
        try (MockCluster cluster = new MockCluster("v1.18.3")) {
            cluster.node("compute1", true, "v1.18.3");
            cluster.pod("kubevirt", "virt-launcher-vm1", "compute1", "VirtualMachineInstance/vm1", Map.of("kubevirt.io", "virt-launcher"), false);
            cluster.budget("kubevirt", "kubevirt-vm1", Map.of("kubevirt.io", "virt-launcher"), 1, 0);
            Path kubeconfig = dir.resolve("admin.conf");
            Files.writeString(kubeconfig, cluster.kubeconfig());

            Cli.Result cordon = Cli.run("kube", "cordon", "compute1", "--kubeconfig", kubeconfig.toString());
            assertThat(cordon.exitCode()).as(cordon.all()).isZero();
            assertThat(cordon.out()).contains("compute1 is now cordoned");

            Cli.Result drain = Cli.run(Cli.env("KUBECONFIG", kubeconfig.toString()), "kube", "drain", "compute1", "--timeout", "1s");
            assertThat(drain.exitCode()).as(drain.all()).isEqualTo(ExitCodes.FAILED);
            assertThat(drain.err()).contains("kubevirt/virt-launcher-vm1", "PodDisruptionBudget kubevirt/kubevirt-vm1");
            assertThat(drain.all()).doesNotContain(MockCluster.TOKEN);

            Cli.Result preflight = Cli.run("kube", "preflight", "--kubeconfig", kubeconfig.toString(), "--json");
            assertThat(preflight.exitCode()).isEqualTo(ExitCodes.FAILED);
            assertThat(preflight.out()).contains("\"pod-disruption-budget\"");
        }
    }

    @Test
    void aBadKubeconfigIsBadInput(@TempDir Path dir) throws Exception {
        Path kubeconfig = dir.resolve("broken.conf");
        Files.writeString(kubeconfig, "apiVersion: v1\nclusters: []\n");
        Cli.Result result = Cli.run("kube", "cordon", "node1", "--kubeconfig", kubeconfig.toString());
        assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(result.err()).contains("kubeconfig: defines no cluster");
        Cli.Result missing = Cli.run("kube", "cordon", "node1", "--kubeconfig", dir.resolve("nope").toString());
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(missing.err()).contains("does not exist");
    }

    @Test
    void planPrintsTheHopsAndRefusesADowngrade(@TempDir Path dir) {
        Path repo = SyntheticKubespray.of(dir.resolve("kubespray"), ReleaseFacts.load().stream()
                .filter(f -> f.version().isBefore(new Version(2, 16, 0)) && !f.version().isBefore(new Version(2, 13, 0))).toList());
        Cli.Result plan = Cli.run("kubespray", "plan", "--kubespray", repo.toString(), "--ref", "v2.14.0",
                "--current-kube-version", "v1.18.3", "--target-kube-version", "v1.19.9", "--state-dir", dir.resolve("state").toString());
        assertThat(plan.exitCode()).as(plan.all()).isZero();
        assertThat(plan.out()).contains("v2.14.2", "v1.18.3 -> v1.18.10", "v2.15.1", "v1.18.10 -> v1.19.9");
        assertThat(dir.resolve("state/plan.txt")).isRegularFile();

        Cli.Result downgrade = Cli.run("kubespray", "plan", "--kubespray", repo.toString(), "--ref", "v2.15.1",
                "--current-kube-version", "v1.19.9", "--target-tag", "v2.14.2", "--state-dir", dir.resolve("state2").toString());
        assertThat(downgrade.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(downgrade.err()).contains("refused: downgrade");
    }

    @Test
    void upgradeTakesTheSshOptionsOfTheAnsibleCommands(@TempDir Path dir) throws Exception {
        Path repo = SyntheticKubespray.of(dir.resolve("kubespray"), ReleaseFacts.load().stream()
                .filter(f -> f.version().isBefore(new Version(2, 15, 0)) && !f.version().isBefore(new Version(2, 14, 0))).toList());
        Path inventory = Files.createDirectories(dir.resolve("mycluster"));
        Files.writeString(inventory.resolve("hosts.ini"), "[kube-master]\nnode1\n[etcd]\nnode1\n[kube-node]\nnode1\n"
                + "[k8s-cluster:children]\nkube-master\nkube-node\n");
        String keyLine = "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ-cli-test-key-line";
        Path key = dir.resolve("ops");
        Files.writeString(key, "-----BEGIN OPENSSH PRIVATE KEY-----\n" + keyLine + "\n-----END OPENSSH PRIVATE KEY-----\n");
        Path knownHosts = dir.resolve("known_hosts");
        Files.writeString(knownHosts, "[127.0.0.1]:2222 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFakeHostKey\n");
        // A stand-in for ansible-playbook: prints how it was called and the SSH settings it got.
        Path fake = dir.resolve("fake-ansible-playbook");
        Files.writeString(fake, "#!/bin/sh\necho \"fake-ansible-playbook $*\"\necho \"ssh args: $ANSIBLE_SSH_ARGS\"\n"
                + "echo \"host key checking: $ANSIBLE_HOST_KEY_CHECKING\"\n");
        Files.setPosixFilePermissions(fake, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        String[] common = {"kubespray", "upgrade", "--kubespray", repo.toString(), "--inventory", inventory.toString(),
                "--ref", "v2.14.0", "--current-kube-version", "v1.18.3", "--target-tag", "v2.14.2", "--ansible-playbook", fake.toString()};

        Cli.Result run = Cli.run(concat(common, "--state-dir", dir.resolve("state").toString(), "--key", key.toString(),
                "--known-hosts", knownHosts.toString(), "-u", "ops", "-b", "--audit-log", dir.resolve("audit.jsonl").toString()));

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.all()).contains("fake-ansible-playbook", "--private-key", "--user ops", "--become", "upgrade-cluster.yml",
                "IdentitiesOnly=yes", "StrictHostKeyChecking=yes -o UserKnownHostsFile=", "host key checking: True");
        String audit = Files.readString(dir.resolve("audit.jsonl"));
        assertThat(audit).contains("\"privateKey\":\"credential\"", "\"hostKeys\":\"KNOWN_HOSTS\"", "\"become\":true");
        for (String text : java.util.List.of(run.all(), audit)) {
            assertThat(text).doesNotContain(keyLine);
        }

        Cli.Result pub = Cli.run(concat(common, "--state-dir", dir.resolve("state-pub").toString(), "--key", knownHosts.toString()));
        assertThat(pub.exitCode()).as(pub.all()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(pub.err()).contains("not a private key");

        Cli.Result both = Cli.run(concat(common, "--state-dir", dir.resolve("state-both").toString(), "--known-hosts",
                knownHosts.toString(), "--no-host-key-checking"));
        assertThat(both.exitCode()).as(both.all()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(both.err()).contains("hostKeyChecking");
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
