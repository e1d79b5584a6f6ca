package io.kubemagic.engine.playbooks;

import io.kubemagic.engine.InvalidInputException;
import io.kubemagic.engine.OperationContext;
import io.kubemagic.engine.ansible.AnsibleOptions;
import io.kubemagic.engine.ansible.HostResult;
import io.kubemagic.engine.ansible.PlaybookReport;
import io.kubemagic.engine.ansible.PlaybookReport.Outcome;
import io.kubemagic.engine.ansible.SshAccess;
import io.kubemagic.engine.audit.AuditRecord;
import io.kubemagic.engine.console.SecretValue;
import io.kubemagic.engine.json.Json;
import io.kubemagic.engine.testkit.LeftoverFiles;
import io.kubemagic.engine.testkit.RecordingConsole;
import io.kubemagic.engine.testkit.ansible.FakeSite;
import io.kubemagic.engine.testkit.ansible.LoopbackSshd;
import io.kubemagic.engine.testkit.ansible.Processes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The operations on real ansible-playbook (Debian ansible-core) over real SSH to two loopback sshd
 * servers (127.0.0.1, 127.0.0.2), with the fake upstream checkouts of src/test/resources/kubemagic-site.
 */
class PlaybooksOnRealAnsibleTest {
    @TempDir
    static Path temp;
    static LoopbackSshd sshd;
    static LoopbackSshd.Key key;
    static LoopbackSshd.Key encryptedKey;
    static LoopbackSshd.Key strangerKey;
    static Path site;
    static final String PASSPHRASE = "correct horse battery staple 42";

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(LoopbackSshd.available(), "needs openssh-server and ansible-core (scripts/install-test-packages.sh)");
        sshd = LoopbackSshd.start(temp.resolve("sshd"));
        key = sshd.generateKey("deploy", null, true);
        encryptedKey = sshd.generateKey("deploy-encrypted", PASSPHRASE, true);
        strangerKey = sshd.generateKey("stranger", null, false);
        site = FakeSite.copy(temp.resolve("site"), sshd);
    }

    @AfterAll
    static void stop() {
        if (sshd != null) {
            sshd.close();
        }
    }

    private static AnsibleOptions.Builder options(LoopbackSshd.Key with, String passphrase) {
        return AnsibleOptions.builder().timeout(Duration.ofMinutes(2)).ssh(SshAccess.of(sshd.user(),
                SecretValue.of(with.privateKey()), SecretValue.ofNullable(passphrase), sshd.knownHosts(), true));
    }

    private static OperationRequest.Builder request(Operation operation, AnsibleOptions options) {
        return OperationRequest.builder(operation, site.toString()).options(options);
    }

    private static PlaybookReport run(OperationRequest request, RecordingConsole console, Path auditLog) {
        return new Operations(new OperationContext("tester", console, auditLog)).run(request);
    }

    private static PlaybookReport run(OperationRequest request, RecordingConsole console) {
        return run(request, console, null);
    }

    @Test
    void kubeDeployRunsClusterYmlOnEveryHostWithHostKeysChecked() throws Exception {
        RecordingConsole console = new RecordingConsole();
        Path audit = temp.resolve("audit-deploy.jsonl");

        PlaybookReport report = run(request(Operation.KUBE_DEPLOY, options(key, null).build()).inventoryName("lab").build(), console, audit);

        assertThat(report.outcome()).as(console.text()).isEqualTo(Outcome.SUCCESS);
        assertThat(report.exitCode()).isZero();
        assertThat(report.hosts()).extracting(HostResult::host).containsExactlyInAnyOrder("node1", "node2", "node3", "node4");
        Map<String, HostResult> byHost = report.byHost();
        assertThat(byHost.get("node1").changed()).isEqualTo(1);
        assertThat(byHost.get("node4").ok()).isPositive();
        assertThat(byHost.get("node4").status()).isEqualTo(HostResult.Status.OK);
        assertThat(byHost.values()).allSatisfy(h -> assertThat(h.failed() + h.unreachable()).isZero());
        assertThat(console.text()).contains("TASK [Configure etcd (fake)]", "PLAY RECAP", "HOST", "CHANGED", "inventory lint: no findings");
        assertThat(report.commands()).singleElement().asString().contains("ansible-playbook -i ", "cluster.yml", "--private-key");
        assertThat(report.audit().outcome()).isEqualTo(AuditRecord.Outcome.SUCCESS);
        assertThat(Files.readString(audit)).contains("\"operation\":\"kubespray.deploy\"", "\"who\":\"tester\"", "\"inventoryName\":\"lab\"");
    }

    @Test
    void aFailedHostFailsTheRunWithItsName() {
        RecordingConsole console = new RecordingConsole();

        PlaybookReport report = run(request(Operation.KUBE_DEPLOY, options(key, null).extraVar("fail_on", "node2").build()).build(), console);

        assertThat(report.outcome()).as(console.text()).isEqualTo(Outcome.HOSTS_FAILED);
        assertThat(report.exitCode()).isEqualTo(2);
        assertThat(report.failedHosts()).containsExactly("node2");
        assertThat(report.message()).contains("failed on node2", "etcd did not come up on node2");
        assertThat(report.problems()).anySatisfy(p -> assertThat(p.task()).isEqualTo("Fail where the test asks for it"));
        assertThat(report.audit().outcome()).isEqualTo(AuditRecord.Outcome.FAILURE);
    }

    @Test
    void exitCodeFourIsAnUnreachableHostOrAParseErrorAndTheyAreToldApart() throws Exception {
        Files.writeString(site.resolve("custom/unreachable"), "[nodes]\nweb1 ansible_host=127.0.0.1 ansible_port=" + sshd.server(0).port()
                + "\nghost ansible_host=127.0.0.2 ansible_port=1\n[all:vars]\nansible_python_interpreter=/usr/bin/python3\n");
        Files.writeString(site.resolve("unreachable-site.yml"), "custom: {inventory: unreachable}\n");
        RecordingConsole console = new RecordingConsole();

        PlaybookReport unreachable = run(request(Operation.PLAYBOOK, options(key, null).build()).siteFile("unreachable-site.yml")
                .playbook("post.yml").build(), console);

        assertThat(unreachable.outcome()).as(console.text()).isEqualTo(Outcome.HOSTS_UNREACHABLE);
        assertThat(unreachable.exitCode()).isEqualTo(4);
        assertThat(unreachable.unreachableHosts()).containsExactly("ghost");
        assertThat(unreachable.byHost().get("web1").status()).isEqualTo(HostResult.Status.CHANGED);
        assertThat(unreachable.message()).contains("unreachable: ghost", "Connection refused");

        RecordingConsole parseConsole = new RecordingConsole();
        PlaybookReport parse = run(request(Operation.PLAYBOOK, options(key, null).build()).playbook("broken.yml").build(), parseConsole);

        assertThat(parse.outcome()).as(parseConsole.text()).isEqualTo(Outcome.PARSE_ERROR);
        assertThat(parse.exitCode()).isEqualTo(4);
        assertThat(parse.hosts()).isEmpty();
        assertThat(parse.message()).contains("could not parse", "broken.yml", "Syntax Error");
    }

    @Test
    void anEncryptedKeyIsUnlockedThroughAskpassAndItsPassphraseShowsNowhere() throws Exception {
        RecordingConsole console = new RecordingConsole();
        Path audit = temp.resolve("audit-passphrase.jsonl");

        PlaybookReport report = run(request(Operation.PLAYBOOK, options(encryptedKey, PASSPHRASE).build()).playbook("post.yml").build(),
                console, audit);

        assertThat(report.outcome()).as(console.text()).isEqualTo(Outcome.SUCCESS);
        assertThat(report.hosts()).extracting(HostResult::host).containsExactly("web1", "web2");
        String everything = console.text() + Files.readString(audit) + Json.write(report);
        assertThat(everything).doesNotContain(PASSPHRASE).doesNotContain(encryptedKey.privateKey().lines().skip(1).findFirst().orElseThrow());
        assertThat(report.commands().get(0)).doesNotContain(PASSPHRASE);
    }

    @Test
    void aWrongKeyMakesTheHostsUnreachableAndNothingAsksForAPassword() {
        RecordingConsole console = new RecordingConsole();

        PlaybookReport report = run(request(Operation.PLAYBOOK, options(strangerKey, null).build()).playbook("post.yml").build(), console);

        assertThat(report.outcome()).as(console.text()).isEqualTo(Outcome.HOSTS_UNREACHABLE);
        assertThat(report.unreachableHosts()).containsExactly("web1", "web2");
        assertThat(report.message()).contains("Permission denied (publickey)");
    }

    @Test
    void anUnknownHostKeyIsRefusedUnlessCheckingIsExplicitlyTurnedOff() {
        String wrongKnownHosts = "[127.0.0.1]:" + sshd.server(0).port() + " " + strangerKey.publicKey() + "\n"
                + "[127.0.0.2]:" + sshd.server(1).port() + " " + strangerKey.publicKey() + "\n";
        RecordingConsole console = new RecordingConsole();
        AnsibleOptions wrong = AnsibleOptions.builder().ssh(SshAccess.of(sshd.user(), SecretValue.of(key.privateKey()), null,
                wrongKnownHosts, true)).build();

        PlaybookReport refused = run(request(Operation.PLAYBOOK, wrong).playbook("post.yml").build(), console);

        assertThat(refused.outcome()).as(console.text()).isEqualTo(Outcome.HOSTS_UNREACHABLE);
        assertThat(refused.message()).contains("Host key verification failed");

        RecordingConsole optOut = new RecordingConsole();
        AnsibleOptions unchecked = AnsibleOptions.builder().ssh(SshAccess.of(sshd.user(), SecretValue.of(key.privateKey()), null,
                null, false)).build();
        PlaybookReport accepted = run(request(Operation.PLAYBOOK, unchecked).playbook("post.yml").build(), optOut);

        assertThat(accepted.outcome()).as(optOut.text()).isEqualTo(Outcome.SUCCESS);
        assertThat(optOut.text()).contains("WARNING: SSH host keys are NOT checked");
        assertThat(accepted.audit().parameters().toString()).contains("hostKeys=NOT_CHECKED");
    }

    @Test
    void abortKillsTheWholeTreeAndTheSshMastersAndDeletesTheRunFiles() throws Exception {
        RecordingConsole console = new RecordingConsole();
        AtomicReference<PlaybookReport> result = new AtomicReference<>();
        Thread worker = new Thread(() -> result.set(run(request(Operation.PLAYBOOK, options(key, null).build()).playbook("slow.yml").build(),
                console)));
        worker.start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!console.text().contains("TASK [Wait a long time]") && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertThat(console.text()).contains("TASK [Wait a long time]");
        String command = console.lines().stream().filter(l -> l.contains("running in")).findFirst().orElseThrow();
        String runDirectory = command.replaceAll(".*--private-key (/\\S+/km-ans-[^/]+)/.*", "$1");
        assertThat(runDirectory).contains("km-ans-");
        assertThat(Processes.runningWith(runDirectory)).as("SSH masters of the run").isNotEmpty();

        worker.interrupt();
        worker.join(30_000);

        PlaybookReport report = result.get();
        assertThat(report.outcome()).isEqualTo(Outcome.ABORTED);
        assertThat(report.audit().outcome()).isEqualTo(AuditRecord.Outcome.ABORTED);
        assertThat(Processes.runningWith(runDirectory)).isEmpty();
        assertThat(Processes.runningWith("slow.yml")).isEmpty();
        assertThat(Path.of(runDirectory)).doesNotExist();
    }

    @Test
    void aTimeLimitStopsTheRun() {
        RecordingConsole console = new RecordingConsole();

        PlaybookReport report = run(request(Operation.PLAYBOOK, options(key, null).timeout(Duration.ofSeconds(6)).build())
                .playbook("slow.yml").build(), console);

        assertThat(report.outcome()).isEqualTo(Outcome.TIMED_OUT);
        assertThat(report.message()).contains("did not finish within");
        assertThat(Processes.runningWith("slow.yml")).isEmpty();
    }

    @Test
    void theKeyPassphraseVaultPasswordAndSecretExtraVarsAppearNowhere() throws Exception {
        String vaultPassword = "vault-Pa55word-never-shown";
        String dbPassword = "db-Pa55word-never-shown";
        Path passwordFile = temp.resolve("vault-pass");
        Files.writeString(passwordFile, vaultPassword);
        Files.writeString(site.resolve("custom/vault.yml"), "vaulted_value: open-sesame-content\n");
        Process encrypt = new ProcessBuilder("ansible-vault", "encrypt", "--vault-password-file", passwordFile.toString(),
                site.resolve("custom/vault.yml").toString()).redirectErrorStream(true).start();
        assertThat(encrypt.waitFor()).as(new String(encrypt.getInputStream().readAllBytes())).isZero();
        Files.delete(passwordFile);
        Thread.sleep(20);
        Instant since = Instant.now();
        RecordingConsole console = new RecordingConsole();
        Path audit = temp.resolve("audit-secrets.jsonl");

        PlaybookReport report = run(request(Operation.PLAYBOOK, options(encryptedKey, PASSPHRASE)
                .vaultPassword(SecretValue.of(vaultPassword))
                .secretExtraVars(Map.of("db_password", dbPassword))
                .extraVar("environment_name", "lab")
                .build()).playbook("secrets.yml").build(), console, audit);

        assertThat(report.outcome()).as(console.text()).isEqualTo(Outcome.SUCCESS);
        assertThat(console.text()).contains("db password is ****", "vaulted value is open-sesame-content");
        String auditText = Files.readString(audit);
        assertThat(auditText).contains("\"secretExtraVars\":[\"db_password\"]", "\"environment_name\":\"lab\"");
        String keyLine = encryptedKey.privateKey().lines().skip(2).findFirst().orElseThrow();
        for (String secret : List.of(vaultPassword, dbPassword, PASSPHRASE, keyLine)) {
            assertThat(console.text()).doesNotContain(secret);
            assertThat(auditText).doesNotContain(secret);
            assertThat(Json.write(report)).doesNotContain(secret);
            assertThat(report.commands().toString()).doesNotContain(secret);
            for (Path root : List.of(Path.of(System.getProperty("java.io.tmpdir")), site, Path.of(System.getProperty("user.home"), ".ansible"))) {
                if (Files.isDirectory(root)) {
                    assertThat(LeftoverFiles.containing(root, secret, since)).as("files under " + root + " with a secret").isEmpty();
                }
            }
        }
    }

    @Test
    void theLintStopsARunOnTheTrapInventoryBeforeAnythingRuns() {
        RecordingConsole console = new RecordingConsole();

        PlaybookReport report = run(request(Operation.KUBESPRAY_RECOVER_CONTROL_PLANE, options(key, null).build()).inventoryName("trap").build(),
                console);

        assertThat(report.outcome()).isEqualTo(Outcome.LINT_FAILED);
        assertThat(report.exitCode()).isEqualTo(-1);
        assertThat(report.commands()).isEmpty();
        assertThat(report.lint()).extracting(f -> f.rule()).contains("broken-host-not-in-group", "etcd-member-name-in-group-vars",
                "etcd-even-members", "etcd-quota-not-integer", "kubespray-required-group", "limit-undefined");
        assertThat(console.text()).contains("inventory lint: ", "broken-host-not-in-group", "Fix the findings above");
    }

    @Test
    void scaleRecoverRemoveNodeAndResetSetTheirLimitsAndVariables() {
        RecordingConsole scaleConsole = new RecordingConsole();
        PlaybookReport scale = run(request(Operation.KUBESPRAY_SCALE, options(key, null).build()).nodes("node4").build(), scaleConsole);
        assertThat(scale.outcome()).as(scaleConsole.text()).isEqualTo(Outcome.SUCCESS);
        assertThat(scale.commands().get(0)).contains("--limit node4", "scale.yml");
        assertThat(scale.hosts()).extracting(HostResult::host).containsExactly("node4");

        RecordingConsole recoverConsole = new RecordingConsole();
        PlaybookReport recover = run(request(Operation.KUBESPRAY_RECOVER_CONTROL_PLANE, options(key, null).build()).etcdRetries(42).build(),
                recoverConsole);
        assertThat(recover.outcome()).as(recoverConsole.text()).isEqualTo(Outcome.SUCCESS);
        assertThat(recover.commands().get(0)).contains("--limit etcd,kube_control_plane", "recover-control-plane.yml");
        assertThat(recoverConsole.text()).contains("waiting up to 42 retries for etcd3");
        assertThat(recover.hosts()).extracting(HostResult::host).containsExactlyInAnyOrder("node1", "node2", "node3");

        RecordingConsole removeConsole = new RecordingConsole();
        PlaybookReport remove = run(request(Operation.KUBESPRAY_REMOVE_NODE, options(key, null).build()).nodes("node4").resetNodes(false).build(),
                removeConsole);
        assertThat(remove.outcome()).as(removeConsole.text()).isEqualTo(Outcome.SUCCESS);
        assertThat(removeConsole.text()).contains("reset_nodes=False");
        assertThat(remove.hosts()).extracting(HostResult::host).contains("node4").doesNotContain("node1");

        assertThatThrownBy(() -> run(request(Operation.KUBESPRAY_RESET, options(key, null).build()).confirm("yes").build(), new RecordingConsole()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("set confirm to \"lab\"");
        RecordingConsole resetConsole = new RecordingConsole();
        PlaybookReport reset = run(request(Operation.KUBESPRAY_RESET, options(key, null).limit("node4").build()).confirm("lab").build(), resetConsole);
        assertThat(reset.outcome()).as(resetConsole.text()).isEqualTo(Outcome.SUCCESS);
        assertThat(reset.hosts()).extracting(HostResult::host).containsExactly("node4");
    }

    @Test
    void cephOpenshiftAndCustomPlaybooks() {
        PlaybookReport missing = run(request(Operation.CEPH_DEPLOY, options(key, null).build()).build(), new RecordingConsole());
        assertThat(missing.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(missing.message()).contains("cp site.yml.sample site.yml");

        RecordingConsole cephConsole = new RecordingConsole();
        PlaybookReport ceph = run(request(Operation.CEPH_DEPLOY, options(key, null).build()).containerized(true).build(), cephConsole);
        assertThat(ceph.outcome()).as(cephConsole.text()).isEqualTo(Outcome.SUCCESS);
        assertThat(ceph.hosts()).extracting(HostResult::host).containsExactly("ceph1", "ceph2", "ceph3");
        assertThat(cephConsole.text()).contains("monitor_interface=lo");

        RecordingConsole openshiftConsole = new RecordingConsole();
        PlaybookReport openshift = run(request(Operation.OPENSHIFT_DEPLOY, options(key, null).build()).build(), openshiftConsole);
        assertThat(openshift.outcome()).as(openshiftConsole.text()).isEqualTo(Outcome.SUCCESS);
        assertThat(openshift.commands()).hasSize(2);
        assertThat(openshift.commands().get(0)).endsWith("playbooks/prerequisites.yml");
        assertThat(openshift.byHost().get("os1").ok()).isEqualTo(2);

        assertThatThrownBy(() -> run(request(Operation.PLAYBOOK, options(key, null).build()).playbook("../kubespray/cluster.yml").build(),
                new RecordingConsole())).isInstanceOf(InvalidInputException.class).hasMessageContaining("inside the checkout");
    }
}
