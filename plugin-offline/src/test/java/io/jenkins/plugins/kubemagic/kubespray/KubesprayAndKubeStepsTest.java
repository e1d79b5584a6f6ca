package io.jenkins.plugins.kubemagic.kubespray;

import hudson.AbortException;
import io.jenkins.plugins.kubemagic.BufferListener;
import io.jenkins.plugins.kubemagic.credentials.CredentialSource;
import io.jenkins.plugins.kubemagic.credentials.ResolvedCredential;
import io.jenkins.plugins.kubemagic.kube.KubeDrainStep;
import io.jenkins.plugins.kubemagic.kube.KubeNodeCallable;
import io.jenkins.plugins.kubemagic.kube.KubeNodeStep;
import io.kubemagic.engine.InvalidInputException;
import io.kubemagic.engine.ansible.SshAccess;
import io.kubemagic.engine.console.SecretValue;
import io.kubemagic.engine.kube.MockCluster;
import io.kubemagic.engine.kube.NodeReport;
import io.kubemagic.engine.kubespray.ReleaseFacts;
import io.kubemagic.engine.kubespray.SyntheticKubespray;
import io.kubemagic.engine.kubespray.UpgradeRequest;
import io.kubemagic.engine.kubespray.Version;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The kubespray and kube steps: field mapping, credentials, and their agent work against a synthetic checkout and the mock API. */
class KubesprayAndKubeStepsTest {

    static CredentialSource kubeconfig(String content) {
        return id -> id.equals("admin-conf") ? new ResolvedCredential.File(id, "admin.conf", content.getBytes(StandardCharsets.UTF_8))
                : id.equals("ssh") ? new ResolvedCredential.Other(id, "SSHUserPrivateKey") : null;
    }

    static KubesprayUpgradeStep kubespray() {
        KubesprayUpgradeStep step = new KubesprayUpgradeStep();
        step.setKubesprayDir("kubespray");
        return step;
    }

    static KubeDrainStep drain() {
        KubeDrainStep step = new KubeDrainStep();
        step.setNode("compute1");
        return step;
    }

    @Test
    void fieldsMapToTheEngineRequestWithPathsInTheWorkspace() {
        KubesprayUpgradeStep step = kubespray();
        step.setInventory("inventory/mycluster");
        step.setCurrentKubeVersion("v1.18.3");
        step.setTargetKubeVersion("1.19.9");
        step.setMaxHops(1);
        step.setDrainTimeoutSeconds(600);
        UpgradeRequest request = step.request(id -> null, "/ws");
        assertThat(request.kubesprayDir()).isEqualTo(Path.of("/ws/kubespray"));
        assertThat(request.inventory()).isEqualTo(Path.of("/ws/inventory/mycluster"));
        assertThat(request.stateDir()).isEqualTo(Path.of("/ws/kubespray-upgrade"));
        assertThat(request.targetKubeVersion()).isEqualTo(new Version(1, 19, 9));
        assertThat(request.maxHops()).isEqualTo(1);
        assertThat(request.kube()).isNull();
    }

    @Test
    void theHopsGetTheSshKeyKnownHostsBecomeAndVaultOfThePlaybookSteps() {
        String keyLine = "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ-step-test-key-line";
        Map<String, ResolvedCredential> credentials = Map.of(
                "ansible-ssh-key", new ResolvedCredential.SshKey("ansible-ssh-key", "ops", SecretValue.of(
                        "-----BEGIN OPENSSH PRIVATE KEY-----\n" + keyLine + "\n-----END OPENSSH PRIVATE KEY-----\n"), SecretValue.of("pass")),
                "known-hosts", new ResolvedCredential.File("known-hosts", "known_hosts",
                        "node1 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFake\n".getBytes(StandardCharsets.UTF_8)),
                "vault", new ResolvedCredential.SecretText("vault", SecretValue.of("vault-pw\n")),
                "admin-conf", new ResolvedCredential.File("admin-conf", "admin.conf", new byte[0]));
        KubesprayUpgradeStep step = kubespray();
        step.setInventory("inventory/mycluster");
        step.setCurrentKubeVersion("v1.18.3");
        step.setSshCredentialsId("ansible-ssh-key");
        step.setKnownHostsCredentialsId("known-hosts");
        step.setBecome(true);
        step.setBecomeUser("root");
        step.setVaultCredentialsId("vault");
        step.setAnsiblePlaybook("/opt/kubespray-venv/bin/ansible-playbook");

        UpgradeRequest request = step.request(credentials::get, "/ws");

        SshAccess ssh = request.ansible().ssh();
        assertThat(ssh.user()).isEqualTo("ops");
        assertThat(ssh.privateKey().reveal()).contains(keyLine);
        assertThat(ssh.passphrase().reveal()).isEqualTo("pass");
        assertThat(ssh.hostKeyPolicy()).isEqualTo(SshAccess.HostKeyPolicy.KNOWN_HOSTS);
        assertThat(request.ansible().become()).isTrue();
        assertThat(request.ansible().becomeUser()).isEqualTo("root");
        assertThat(request.ansible().vaultPassword().reveal()).isEqualTo("vault-pw");
        assertThat(request.ansible().ansiblePlaybook()).isEqualTo("/opt/kubespray-venv/bin/ansible-playbook");
        assertThat(request.describe().toString()).contains("privateKey=credential", "hostKeys=KNOWN_HOSTS")
                .doesNotContain(keyLine, "vault-pw", "pass,");

        step.setUser("deploy");
        step.setKnownHostsCredentialsId(null);
        step.setHostKeyChecking(false);
        assertThat(step.request(credentials::get, "/ws").ansible().ssh().user()).isEqualTo("deploy");
        assertThat(step.request(credentials::get, "/ws").ansible().ssh().hostKeyPolicy()).isEqualTo(SshAccess.HostKeyPolicy.NOT_CHECKED);

        step.setSshCredentialsId("admin-conf");
        assertThatThrownBy(() -> step.request(credentials::get, "/ws")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("sshCredentialsId").hasMessageContaining("expected an SSH username with private key credential");
        step.setSshCredentialsId(null);
        assertThat(step.request(credentials::get, "/ws").ansible().ssh().privateKey()).as("the agent's own keys").isNull();
    }

    @Test
    void credentialsAreCheckedByTypeAndAKubeconfigIsRequiredWithoutAVersion() {
        KubesprayUpgradeStep step = kubespray();
        step.setPlan(true);
        assertThatThrownBy(() -> step.request(id -> null, "/ws")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("credentialsId");
        step.setCredentialsId("ssh");
        assertThatThrownBy(() -> step.request(kubeconfig(""), "/ws")).hasMessageContaining("SSHUserPrivateKey credential; expected");
        KubeDrainStep drain = drain();
        drain.setCredentialsId("admin-conf");
        assertThatThrownBy(() -> drain.target(kubeconfig("clusters: []"))).hasMessageContaining("defines no cluster");
    }

    @Test
    void thePlanRunsOnTheAgentAndARefusalFailsTheStep(@TempDir Path dir) throws Exception {
        SyntheticKubespray.of(dir.resolve("kubespray"), ReleaseFacts.load().stream()
                .filter(f -> !f.version().isBefore(new Version(2, 14, 0)) && f.version().isBefore(new Version(2, 16, 0))).toList());
        KubesprayUpgradeStep step = kubespray();
        step.setPlan(true);
        step.setKubesprayRef("v2.14.0");
        step.setCurrentKubeVersion("v1.18.3");
        step.setTargetKubeVersion("v1.19.9");
        BufferListener listener = new BufferListener();
        KubesprayUpgradeCallable callable = step.callable(id -> null, listener, "tester", dir.toString());
        KubesprayUpgradeCallable.Outcome outcome = callable.decode(callable.call());
        Map<String, Object> plan = KubesprayUpgradeStep.resultOrFailure(outcome);
        assertThat(plan.get("approvable")).isEqualTo(true);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> hops = (List<Map<String, Object>>) plan.get("hops");
        assertThat(hops).extracting(h -> h.get("tag") + "=" + h.get("kubeVersion")).containsExactly("v2.14.2=v1.18.10", "v2.15.1=v1.19.9");
        assertThat((String) plan.get("text")).contains("v2.15.1");

        step.setTargetTag("v2.14.2");
        step.setKubesprayRef("v2.15.1");
        step.setCurrentKubeVersion("v1.19.9");
        step.setTargetKubeVersion(null);
        KubesprayUpgradeCallable again = step.callable(id -> null, listener, "tester", dir.toString());
        KubesprayUpgradeCallable.Outcome refused = again.decode(again.call());
        assertThatThrownBy(() -> KubesprayUpgradeStep.resultOrFailure(refused)).isInstanceOf(AbortException.class)
                .hasMessageContaining("refused: downgrade");
    }

    @Test
    void kubeDrainRunsOnTheAgentAndFailsNamingTheBudget() {
        try (MockCluster cluster = new MockCluster("v1.18.3")) {
            cluster.node("compute1", true, "v1.18.3");
            cluster.pod("kubevirt", "virt-launcher-vm1", "compute1", "VirtualMachineInstance/vm1", Map.of("kubevirt.io", "virt-launcher"), false);
            cluster.budget("kubevirt", "kubevirt-vm1", Map.of("kubevirt.io", "virt-launcher"), 1, 0);
            KubeDrainStep step = drain();
            step.setCredentialsId("admin-conf");
            step.setTimeoutSeconds(1);
            KubeNodeCallable callable = step.callable(kubeconfig(cluster.kubeconfig()), new BufferListener(), "tester", "/ws");
            assertThat(callable.operation()).isEqualTo(KubeNodeCallable.Operation.DRAIN);
            assertThat(callable.drainOptions().ignoreDaemonSets()).isTrue();
            NodeReport report = callable.decode(callable.call());
            assertThatThrownBy(() -> KubeNodeStep.resultOrFailure(report)).isInstanceOf(AbortException.class)
                    .hasMessageContaining("kubevirt/virt-launcher-vm1").hasMessageContaining("PodDisruptionBudget kubevirt/kubevirt-vm1");
            assertThat(callable.target().kubeconfig()).isEqualTo(SecretValue.of(cluster.kubeconfig()));
        }
    }
}
