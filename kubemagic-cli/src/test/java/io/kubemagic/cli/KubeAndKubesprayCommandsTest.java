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
}
