package io.jenkins.plugins.kubemagic.clair;

import io.jenkins.plugins.kubemagic.BufferListener;
import io.jenkins.plugins.kubemagic.credentials.CredentialSource;
import io.jenkins.plugins.kubemagic.credentials.ResolvedCredential;
import io.kubemagic.engine.InvalidInputException;
import io.kubemagic.engine.clair.ClairApi;
import io.kubemagic.engine.clair.GateAction;
import io.kubemagic.engine.clair.GateResult;
import io.kubemagic.engine.clair.ScanReport;
import io.kubemagic.engine.clair.ScanRequest;
import io.kubemagic.engine.clair.Severity;
import io.kubemagic.engine.console.SecretValue;
import io.kubemagic.engine.json.Json;
import io.kubemagic.engine.testkit.clair.ClairSimulator;
import io.kubemagic.engine.testkit.clair.ScanFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * clairScan's mapping from fields and credentials to the engine request, and its agent-side work
 * as the agent runs it (after a trip through Java serialization, its answer read back from JSON)
 * against real registries and the Clair simulator.
 */
class ClairScanStepTest {
    private static final String PSK = java.util.Base64.getEncoder().encodeToString("psk-for-the-step-test-0123456789".getBytes());
    @TempDir
    static Path workspace;
    private static ScanFixture fixture;
    private static ClairSimulator clair;

    @BeforeAll
    static void start() {
        fixture = ScanFixture.start(workspace.resolve("fixture"));
        clair = fixture.startClair();
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private static CredentialSource credentials() {
        Map<String, ResolvedCredential> byId = Map.of(
                "registry", new ResolvedCredential.UsernamePassword("registry", ScanFixture.USER, SecretValue.of(ScanFixture.PASSWORD)),
                "clair-psk", new ResolvedCredential.SecretText("clair-psk", SecretValue.of(PSK)),
                "a-file", new ResolvedCredential.File("a-file", "ca.pem", new byte[0]));
        return byId::get;
    }

    private static ClairScanStep step(String... images) {
        ClairScanStep step = new ClairScanStep(List.of(images));
        step.setClairUrl(clair.url());
        step.setInsecureRegistries(fixture.open.address() + ", " + fixture.locked.address());
        step.setTimeoutSeconds(10);
        return step;
    }

    @Test
    void fieldsMapToTheRequest() {
        ClairScanStep step = step("registry.example.com/team/app:1", "alpine");
        step.setApiVersion("v2");
        step.setRegistryCredentialsId("registry");
        step.setClairCredentialsId("clair-psk");
        step.setClairIssuer("jenkins");
        step.setThreshold("medium");
        step.setIgnoreUnfixed(true);
        step.setMaxFindings(3);
        step.setReportDir("reports/clair");
        step.setPlatform("linux/arm64");
        step.setConcurrency(2);
        ScanRequest request = step.request(credentials(), "/ws");

        assertThat(request.references()).extracting(Object::toString)
                .containsExactly("registry.example.com/team/app:1", "docker.io/library/alpine:latest");
        assertThat(request.clair().api()).isEqualTo(ClairApi.V2);
        assertThat(request.clair().psk().reveal()).isEqualTo(PSK);
        assertThat(request.clair().issuer()).isEqualTo("jenkins");
        assertThat(request.registryCredentials().username()).isEqualTo(ScanFixture.USER);
        assertThat(request.policy().threshold()).isEqualTo(Severity.MEDIUM);
        assertThat(request.policy().ignoreUnfixed()).isTrue();
        assertThat(request.policy().maxFindings()).isEqualTo(3);
        assertThat(request.policy().action()).isEqualTo(GateAction.FAIL);
        assertThat(request.reportDir()).isEqualTo("/ws/reports/clair");
        assertThat(request.platform().toString()).isEqualTo("linux/arm64");
        assertThat(request.insecureRegistries()).containsExactlyInAnyOrder(fixture.open.address(), fixture.locked.address());
        assertThat(request.concurrency()).isEqualTo(2);
        assertThat(request.describe().toString()).doesNotContain(ScanFixture.PASSWORD).doesNotContain(PSK);

        step.setUnstable(true);
        assertThat(step.gateAction()).isEqualTo(GateAction.UNSTABLE);
        step.setUnstable(false);
        step.setFailBuild(false);
        assertThat(step.gateAction()).isEqualTo(GateAction.WARN);
    }

    @Test
    void badFieldsAreRefusedWithTheFieldName() {
        ClairScanStep noImages = step();
        assertThatThrownBy(() -> noImages.request(credentials(), "/ws")).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("images: no image given");
        ClairScanStep badImage = step("registry.example.com/team/App:1");
        assertThatThrownBy(() -> badImage.request(credentials(), "/ws")).hasMessageContaining("must be lower case");
        ClairScanStep wrongType = step("alpine");
        wrongType.setRegistryCredentialsId("a-file");
        assertThatThrownBy(() -> wrongType.request(credentials(), "/ws"))
                .hasMessage("registryCredentialsId: credentials \"a-file\" are a secret file credential; expected a username/password credential");
        ClairScanStep missing = step("alpine");
        missing.setClairCredentialsId("nope");
        assertThatThrownBy(() -> missing.request(credentials(), "/ws")).hasMessageStartingWith("clairCredentialsId: no credentials with id \"nope\"");
        ClairScanStep threshold = step("alpine");
        threshold.setThreshold("severe");
        assertThatThrownBy(() -> threshold.request(credentials(), "/ws")).hasMessageStartingWith("threshold: \"severe\" is not a severity");
        ClairScanStep api = step("alpine");
        api.setApiVersion("v3");
        assertThatThrownBy(() -> api.request(credentials(), "/ws")).hasMessageStartingWith("apiVersion:");
        ClairScanStep timeout = step("alpine");
        timeout.setTimeoutSeconds(0);
        assertThatThrownBy(() -> timeout.request(credentials(), "/ws")).hasMessageStartingWith("timeoutSeconds:");
        ClairScanStep noUrl = step("alpine");
        noUrl.setClairUrl(" ");
        assertThatThrownBy(() -> noUrl.request(credentials(), "/ws")).hasMessageStartingWith("clairUrl: no Clair URL");
        assertThat(ClairScanStep.ClairFieldChecks.threshold("Hihg").message()).contains("not a severity");
        assertThat(ClairScanStep.ClairFieldChecks.clairUrl("http://clair:6060").level()).isEqualTo(io.jenkins.plugins.kubemagic.steps.FieldCheck.Level.OK);
        assertThat(ClairScanStep.ClairFieldChecks.image("a//b").level()).isEqualTo(io.jenkins.plugins.kubemagic.steps.FieldCheck.Level.ERROR);
    }

    private static ScanReport runOnAgent(ClairScanCallable callable) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(callable);
        }
        ClairScanCallable onAgent;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            onAgent = (ClairScanCallable) in.readObject();
        }
        return callable.decode(onAgent.call());
    }

    @Test
    void theAgentScansWithTheWhitelistFromTheWorkspaceAndTheVerdictMarksUnstable() throws Exception {
        Files.writeString(workspace.resolve("whitelist.yaml"), "general:\n  - CVE-2022-37434\n");
        ClairScanStep step = step(fixture.lockedImage("private/app:1"), fixture.image("team/app:clean"));
        step.setRegistryCredentialsId("registry");
        step.setWhitelistFile("whitelist.yaml");
        step.setIgnoreUnfixed(true);
        step.setUnstable(true);
        step.setReportDir("reports");
        step.setAuditLog("audit.jsonl");
        BufferListener listener = new BufferListener();

        ScanReport report = runOnAgent(step.callable(credentials(), listener, "alice via jenkins:job#1", workspace.toString()));

        assertThat(report.gate().outcome()).isEqualTo(GateResult.Outcome.UNSTABLE);
        assertThat(report.gate().breaking()).extracting(f -> f.vulnerability()).containsExactly("CVE-2023-0286");
        assertThat(ClairScanStep.verdict(report)).isEqualTo(ClairScanStep.Verdict.UNSTABLE);
        Map<String, Object> result = ClairResults.of(report);
        assertThat(result).containsEntry("outcome", "UNSTABLE").containsEntry("passed", false).containsEntry("violations", 1);
        assertThat(result.get("reports").toString()).contains("clair-junit.xml");
        assertThat(listener.log()).contains("CVE-2023-0286", "gate UNSTABLE").doesNotContain(ScanFixture.PASSWORD);
        assertThat(Json.write(result)).doesNotContain(ScanFixture.PASSWORD);
        try (Stream<Path> files = Stream.concat(Files.list(workspace.resolve("reports")), Stream.of(workspace.resolve("audit.jsonl")))) {
            for (Path file : files.toList()) {
                assertThat(Files.readString(file)).as(file.toString()).doesNotContain(ScanFixture.PASSWORD);
            }
        }
        assertThat(Files.readString(workspace.resolve("audit.jsonl"))).contains("alice via jenkins:job#1", "clair.scan");
    }

    @Test
    void aBrokenGateFailsWithTheFindingsAndAnErrorFailsWithTheReason() throws Exception {
        ScanReport failed = runOnAgent(step(fixture.image("team/app:vulnerable")).callable(credentials(), new BufferListener(), "t",
                workspace.toString()));
        assertThat(ClairScanStep.verdict(failed)).isEqualTo(ClairScanStep.Verdict.FAIL);
        assertThat(ClairScanStep.failure(failed)).startsWith("clairScan: gate FAILED: 3 finding(s) break the gate")
                .contains("CVE-2022-37434 (Critical) in zlib1g");

        ClairScanStep wrongLogin = step(fixture.lockedImage("private/app:1"));
        ScanReport error = runOnAgent(wrongLogin.callable(credentials(), new BufferListener(), "t", workspace.toString()));
        assertThat(ClairScanStep.verdict(error)).isEqualTo(ClairScanStep.Verdict.FAIL);
        assertThat(ClairScanStep.failure(error)).contains("1 image(s) could not be scanned", "wants a login for private/app");

        ScanReport passed = runOnAgent(step(fixture.image("team/app:clean")).callable(credentials(), new BufferListener(), "t",
                workspace.toString()));
        assertThat(ClairScanStep.verdict(passed)).isEqualTo(ClairScanStep.Verdict.PASS);
    }
}
