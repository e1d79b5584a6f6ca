package io.jenkins.plugins.kubemagic.ansible;

import hudson.AbortException;
import io.jenkins.plugins.kubemagic.BufferListener;
import io.jenkins.plugins.kubemagic.Remoting;
import io.jenkins.plugins.kubemagic.credentials.CredentialSource;
import io.jenkins.plugins.kubemagic.credentials.ResolvedCredential;
import io.kubemagic.engine.InvalidInputException;
import io.kubemagic.engine.ansible.AnsibleOptions;
import io.kubemagic.engine.ansible.PlaybookReport;
import io.kubemagic.engine.ansible.SshAccess;
import io.kubemagic.engine.console.SecretValue;
import io.kubemagic.engine.playbooks.LintReport;
import io.kubemagic.engine.playbooks.Operation;
import io.kubemagic.engine.playbooks.OperationRequest;
import io.kubemagic.engine.testkit.ansible.FakeSite;
import io.kubemagic.engine.testkit.ansible.LoopbackSshd;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The playbook steps: field and credential mapping (plain Java), then their agent-side work run as the
 * agent would (the callable after a trip through Java serialization, its JSON result decoded as the
 * controller does) against real ansible-playbook and loopback sshd servers.
 */
class AnsibleStepsTest {
    private static final String PASSPHRASE = "step passphrase 7";
    private static final String DB_PASSWORD = "Step-Db-Secret-99";
    @TempDir
    static Path temp;
    static LoopbackSshd sshd;
    static Path workspace;
    static Map<String, ResolvedCredential> credentials = new HashMap<>();
    static CredentialSource source = id -> credentials.get(id);

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(LoopbackSshd.available(), "needs openssh-server and ansible-core (scripts/install-test-packages.sh)");
        sshd = LoopbackSshd.start(temp.resolve("sshd"));
        LoopbackSshd.Key key = sshd.generateKey("jenkins", PASSPHRASE, true);
        workspace = FakeSite.copy(temp.resolve("workspace"), sshd);
        credentials.put("deploy-key", new ResolvedCredential.SshKey("deploy-key", sshd.user(), SecretValue.of(key.privateKey()),
                SecretValue.of(PASSPHRASE)));
        credentials.put("known-hosts", new ResolvedCredential.File("known-hosts", "known_hosts",
                sshd.knownHosts().getBytes(StandardCharsets.UTF_8)));
        credentials.put("db-secrets", new ResolvedCredential.SecretText("db-secrets", SecretValue.of("kubemagic_test_token: " + DB_PASSWORD)));
        credentials.put("vault", new ResolvedCredential.SecretText("vault", SecretValue.of("vault-pw\n")));
        credentials.put("etcd-login", new ResolvedCredential.UsernamePassword("etcd-login", "root", SecretValue.of("x")));
    }

    @AfterAll
    static void stop() {
        if (sshd != null) {
            sshd.close();
        }
    }

    private static PlaybookReport runOnAgent(AnsibleStep step, BufferListener listener) throws Exception {
        AnsibleCallable callable = Remoting.overTheWire(step.callable(source, listener, "alice via jenkins:deploy#3", workspace.toString()));
        return callable.decode(callable.call());
    }

    private static <T extends AnsibleStep> T withAccess(T step) {
        step.setCredentialsId("deploy-key");
        step.setKnownHostsCredentialsId("known-hosts");
        return step;
    }

    @Test
    void credentialsAndFieldsReachTheRequest() {
        KubesprayRecoverControlPlaneStep step = withAccess(new KubesprayRecoverControlPlaneStep());
        step.setInventory("lab");
        step.setEtcdRetries(42);
        step.setExtraVars("kube_version: v1.19.3\nupgrade_cluster_setup: true\n");
        step.setSecretExtraVarsCredentialsId("db-secrets");
        step.setVaultCredentialsId("vault");
        step.setForks(10);
        step.setBecome(true);
        step.setTimeoutMinutes(30);

        OperationRequest request = step.request(source, "/ws");
        AnsibleOptions options = request.options();

        assertThat(request.operation()).isEqualTo(Operation.KUBESPRAY_RECOVER_CONTROL_PLANE);
        assertThat(request.etcdRetries()).isEqualTo(42);
        assertThat(request.inventoryName()).isEqualTo("lab");
        assertThat(options.extraVars()).containsEntry("kube_version", "v1.19.3").containsEntry("upgrade_cluster_setup", true);
        assertThat(options.secretExtraVars()).containsEntry("kubemagic_test_token", DB_PASSWORD);
        assertThat(options.vaultPassword().reveal()).isEqualTo("vault-pw");
        assertThat(options.ssh().user()).isEqualTo(sshd.user());
        assertThat(options.ssh().passphrase().reveal()).isEqualTo(PASSPHRASE);
        assertThat(options.ssh().hostKeyPolicy()).isEqualTo(SshAccess.HostKeyPolicy.KNOWN_HOSTS);
        assertThat(options.forks()).isEqualTo(10);
        assertThat(options.become()).isTrue();
        assertThat(options.describe().toString()).doesNotContain(DB_PASSWORD, PASSPHRASE, "vault-pw");

        KubeDeployStep wrongType = new KubeDeployStep();
        wrongType.setCredentialsId("etcd-login");
        assertThatThrownBy(() -> wrongType.request(source, "/ws")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("a username/password credential").hasMessageContaining("SSH username with private key");
        KubeDeployStep badYaml = new KubeDeployStep();
        badYaml.setExtraVars("- just a list");
        assertThatThrownBy(() -> badYaml.request(source, "/ws")).hasMessageContaining("mapping");
        assertThat(AnsibleStepDescriptor.extraVars("a: [1").level()).isEqualTo(io.jenkins.plugins.kubemagic.steps.FieldCheck.Level.ERROR);
        KubeDeployStep optOut = new KubeDeployStep();
        optOut.setHostKeyChecking(false);
        assertThat(optOut.request(source, "/ws").options().ssh().hostKeyPolicy()).isEqualTo(SshAccess.HostKeyPolicy.NOT_CHECKED);
    }

    @Test
    void kubeDeployReturnsThePerHostMapAndRecordsTheBuildPageWithoutSecrets() throws Exception {
        KubeDeployStep step = withAccess(new KubeDeployStep());
        step.setInventory("lab");
        step.setSecretExtraVarsCredentialsId("db-secrets");
        step.setAuditLog("audit/ansible.jsonl");
        BufferListener listener = new BufferListener();

        PlaybookReport report = runOnAgent(step, listener);
        Map<String, Map<String, Object>> result = AnsibleResults.resultOrFailure(report);

        assertThat(result).containsOnlyKeys("node1", "node2", "node3", "node4");
        assertThat(result.get("node1")).containsEntry("failed", 0).containsEntry("unreachable", 0).containsKey("changed");
        assertThat(result.get("node1").get("status")).isEqualTo("CHANGED");
        AnsibleReportAction action = new AnsibleReportAction();
        action.add(report);
        Map<String, Object> entry = action.getEntries().get(0);
        assertThat(entry.get("operation")).isEqualTo("kubespray.deploy");
        assertThat((List<?>) entry.get("hosts")).hasSize(4);
        assertThat(((Map<?, ?>) entry.get("audit")).get("who")).isEqualTo("alice via jenkins:deploy#3");
        String audit = Files.readString(workspace.resolve("audit/ansible.jsonl"));
        assertThat(listener.log()).contains("token is ****", "PLAY RECAP");
        for (String secret : List.of(DB_PASSWORD, PASSPHRASE)) {
            assertThat(listener.log()).doesNotContain(secret);
            assertThat(audit).doesNotContain(secret);
            assertThat(action.getEntries().toString()).doesNotContain(secret);
        }
    }

    @Test
    void aFailedHostFailsTheStepWithTheHostNames() throws Exception {
        KubeDeployStep step = withAccess(new KubeDeployStep());
        step.setExtraVars("fail_on: node3");
        BufferListener listener = new BufferListener();

        PlaybookReport report = runOnAgent(step, listener);

        assertThatThrownBy(() -> AnsibleResults.resultOrFailure(report)).isInstanceOf(AbortException.class)
                .hasMessageContaining("HOSTS_FAILED").hasMessageContaining("failed hosts: node3");
        AnsibleReportAction action = new AnsibleReportAction();
        action.add(report);
        assertThat((List<?>) action.getEntries().get(0).get("problems")).isNotEmpty();
    }

    @Test
    void lintStepAndRecoveryOnTheTrapInventory() throws Exception {
        KubeMagicLintStep lint = new KubeMagicLintStep();
        lint.setInventory("trap");
        lint.setCheckouts("kubespray");
        BufferListener listener = new BufferListener();
        KubeMagicLintStep.LintCallable callable = Remoting.overTheWire(lint.callable(listener, "alice", workspace.toString()));
        LintReport report = callable.decode(callable.call());

        assertThatThrownBy(() -> lint.resultOrFailure(report)).isInstanceOf(AbortException.class)
                .hasMessageContaining("broken-host-not-in-group").hasMessageContaining("node3");
        lint.setFailOnErrors(false);
        assertThat(lint.resultOrFailure(report)).extracting(m -> m.get("rule")).contains("etcd-member-name-in-group-vars");

        KubesprayRecoverControlPlaneStep recover = withAccess(new KubesprayRecoverControlPlaneStep());
        recover.setInventory("trap");
        PlaybookReport refused = runOnAgent(recover, new BufferListener());
        assertThatThrownBy(() -> AnsibleResults.resultOrFailure(refused)).hasMessageContaining("LINT_FAILED");
        AnsibleReportAction action = new AnsibleReportAction();
        action.add(refused);
        action.addLint(report);
        assertThat((List<?>) action.getEntries().get(0).get("lint")).isNotEmpty();
        assertThat(action.getEntries().get(1).get("kind")).isEqualTo("lint");
    }

    @Test
    void resetNeedsTheInventoryNameAsConfirmation() {
        KubesprayResetStep reset = withAccess(new KubesprayResetStep());
        reset.setInventory("lab");
        reset.setConfirm("yes");
        AnsibleCallable callable = reset.callable(source, new BufferListener(), "alice", workspace.toString());

        assertThatThrownBy(callable::call).isInstanceOf(InvalidInputException.class).hasMessageContaining("confirm to \"lab\"");
    }
}
