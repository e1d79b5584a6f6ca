package io.kubemagic.engine.clair;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubemagic.engine.InvalidInputException;
import io.kubemagic.engine.KubeMagicException;
import io.kubemagic.engine.OperationContext;
import io.kubemagic.engine.console.SecretMasker;
import io.kubemagic.engine.console.SecretValue;
import io.kubemagic.engine.http.HttpCalls;
import io.kubemagic.engine.json.Json;
import io.kubemagic.engine.registry.ImageReference;
import io.kubemagic.engine.registry.RegistryCredentials;
import io.kubemagic.engine.registry.ResolvedImage;
import io.kubemagic.engine.testkit.RecordingConsole;
import io.kubemagic.engine.testkit.clair.ClairSimulator;
import io.kubemagic.engine.testkit.clair.ScanFixture;
import io.kubemagic.engine.testkit.clair.VulnerabilityTable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Scans of images in real registries (built with umoci, pushed with skopeo) by the Clair API
 * simulator, which fetches the layers itself with the headers the client hands it.
 */
class ClairScanTest {
    @TempDir
    static Path shared;
    @TempDir
    Path temp;
    private static ScanFixture fixture;
    private ClairSimulator clair;
    private RecordingConsole console;

    @BeforeAll
    static void registries() {
        fixture = ScanFixture.start(shared.resolve("fixture"));
    }

    @AfterAll
    static void stopRegistries() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @BeforeEach
    void simulator() {
        clair = ClairSimulator.start(VulnerabilityTable.standard());
        console = new RecordingConsole();
    }

    @AfterEach
    void stopSimulator() {
        clair.close();
        assertThat(clair.schemaProblems()).as("requests and reports against Clair's OpenAPI schemas").isEmpty();
    }

    private ScanRequest.Builder request(ClairApi api, String... images) {
        return ScanRequest.builder()
                .images(List.of(images))
                .insecureRegistries(List.of(fixture.open.address(), fixture.locked.address()))
                .clair(ClairEndpoint.of("clairUrl", clair.url(), api, null, null))
                .requestTimeout(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .retryPause(Duration.ofMillis(50));
    }

    private ScanReport scan(ScanRequest request) {
        return new ScanRunner(new OperationContext("tester", console, temp.resolve("audit.jsonl"))).run(request);
    }

    private static ScanPolicy policy(Severity threshold, GateAction action, boolean ignoreUnfixed, String whitelist, int max) {
        return new ScanPolicy(threshold, action, ignoreUnfixed, whitelist == null ? null : Whitelist.parse("whitelist", whitelist), max);
    }

    @Test
    void v4FindsThePackagesOfEveryLayerAndTheGateFailsOnHighAndCritical() {
        ScanReport report = scan(request(ClairApi.V4, fixture.image("team/app:vulnerable")).build());

        ImageScan image = report.images().get(0);
        assertThat(image.error()).isNull();
        assertThat(image.digest()).isEqualTo(fixture.digests.get("team/app:vulnerable"));
        assertThat(image.layers()).isEqualTo(2);
        assertThat(image.findings()).extracting(Finding::vulnerability).containsExactly(
                "CVE-2022-37434", "CVE-2021-33560", "CVE-2023-0286", "CVE-2022-1304", "CVE-2010-4756", "CVE-2019-1010022");
        Finding zlib = image.findings().get(0);
        assertThat(zlib.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(zlib.packageName()).isEqualTo("zlib1g");
        assertThat(zlib.installedVersion()).isEqualTo(VulnerabilityTable.ZLIB_VULNERABLE);
        assertThat(zlib.fixedIn()).isEqualTo("1:1.2.11.dfsg-2+deb11u2");
        assertThat(zlib.link()).isEqualTo("https://security-tracker.debian.org/tracker/CVE-2022-37434");
        assertThat(zlib.layer()).startsWith("sha256:");
        assertThat(report.gate().outcome()).isEqualTo(GateResult.Outcome.FAILED);
        assertThat(report.gate().breaking()).extracting(Finding::vulnerability)
                .containsExactly("CVE-2022-37434", "CVE-2021-33560", "CVE-2023-0286");
        assertThat(report.gate().message()).startsWith("3 finding(s) break the gate (High or worse; at most 0 allowed)");
        assertThat(image.registryRequests()).isEqualTo(1);
        assertThat(image.clairRequests()).isEqualTo(2);
        assertThat(clair.fetches()).hasSize(2).allMatch(f -> f.endsWith("-> 200"));
        assertThat(console.text()).contains("CRITICAL", "AGAINST GATE", "CVE-2022-37434", "VIOLATION", "gate FAILED");
    }

    @Test
    void whitelistAndUnfixedLeaveOneViolationThatMarksUnstable() {
        ScanReport report = scan(request(ClairApi.V4, fixture.image("team/app:vulnerable"))
                .policy(policy(Severity.HIGH, GateAction.UNSTABLE, true, "images:\n  team/app:\n    - CVE-2022-37434\n", 0))
                .build());

        assertThat(report.gate().outcome()).isEqualTo(GateResult.Outcome.UNSTABLE);
        assertThat(report.gate().breaking()).extracting(Finding::vulnerability).containsExactly("CVE-2023-0286");
        Map<String, Finding.Status> statuses = report.images().get(0).findings().stream()
                .collect(java.util.stream.Collectors.toMap(Finding::vulnerability, Finding::status));
        assertThat(statuses).containsEntry("CVE-2022-37434", Finding.Status.WHITELISTED)
                .containsEntry("CVE-2021-33560", Finding.Status.UNFIXED_IGNORED)
                .containsEntry("CVE-2023-0286", Finding.Status.VIOLATION)
                .containsEntry("CVE-2022-1304", Finding.Status.BELOW_THRESHOLD);

        ScanReport allowed = scan(request(ClairApi.V4, fixture.image("team/app:vulnerable"))
                .policy(policy(Severity.HIGH, GateAction.FAIL, true, "general: [CVE-2022-37434]", 1)).build());
        assertThat(allowed.gate().outcome()).isEqualTo(GateResult.Outcome.PASSED);
        assertThat(allowed.gate().violations()).isEqualTo(1);
    }

    @Test
    void severalImagesConcurrentlyDockerOciApkAndAnIndexByPlatform() {
        ScanReport report = scan(request(ClairApi.V4, fixture.image("team/app:clean"), fixture.image("team/alpine:3"),
                fixture.image("team/multi:1"), fixture.image("team/app:unfixed"))
                .concurrency(3).policy(policy(Severity.HIGH, GateAction.FAIL, true, null, 0)).build());

        assertThat(report.images()).extracting(ImageScan::image).containsExactly(fixture.image("team/app:clean"),
                fixture.image("team/alpine:3"), fixture.image("team/multi:1"), fixture.image("team/app:unfixed"));
        assertThat(report.images().get(0).findings()).isEmpty();
        assertThat(report.images().get(1).findings()).extracting(Finding::vulnerability).containsExactly("CVE-2023-5363");
        assertThat(report.images().get(2).digest()).isEqualTo(fixture.digests.get("team/multi:amd64"));
        assertThat(report.images().get(2).findings()).isEmpty();
        assertThat(report.images().get(3).findings()).extracting(Finding::status)
                .containsOnly(Finding.Status.UNFIXED_IGNORED, Finding.Status.BELOW_THRESHOLD);
        assertThat(report.gate().breaking()).extracting(Finding::vulnerability).containsExactly("CVE-2023-5363");

        ScanReport arm = scan(request(ClairApi.V4, fixture.image("team/multi:1"))
                .platform(io.kubemagic.engine.registry.Platform.parse("platform", "linux/arm64")).build());
        assertThat(arm.images().get(0).digest()).isEqualTo(fixture.digests.get("team/multi:arm64"));
        assertThat(arm.images().get(0).findings()).hasSize(6);
    }

    @Test
    void theRegistryLoginReachesClairAndNoLogOrReportShowsIt() throws Exception {
        Path reports = temp.resolve("reports");
        ScanReport report = scan(request(ClairApi.V4, fixture.lockedImage("private/app:1"))
                .registryCredentials(new RegistryCredentials(ScanFixture.USER, SecretValue.of(ScanFixture.PASSWORD)))
                .reportDir(reports.toString()).build());

        assertThat(report.images().get(0).error()).isNull();
        assertThat(report.images().get(0).findings()).hasSize(6);
        String basic = "Basic " + Base64.getEncoder().encodeToString((ScanFixture.USER + ":" + ScanFixture.PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        assertThat(clair.registryAuthorizationsReceived()).hasSize(2).containsOnly(basic);
        assertThat(report.reports()).containsOnlyKeys("json", "html", "junit", "sarif");
        assertNoSecretIn(basic, reports, temp.resolve("audit.jsonl"));
        assertThat(console.text()).doesNotContain(ScanFixture.PASSWORD).doesNotContain(basic.substring(6));
        assertThat(Json.write(report)).doesNotContain(ScanFixture.PASSWORD).doesNotContain(basic.substring(6));
    }

    static void assertNoSecretIn(String basicHeader, Path... places) throws Exception {
        for (Path place : places) {
            try (Stream<Path> files = Files.isDirectory(place) ? Files.list(place) : Stream.of(place)) {
                for (Path file : files.toList()) {
                    String content = Files.readString(file);
                    assertThat(content).as(file.toString()).doesNotContain(ScanFixture.PASSWORD)
                            .doesNotContain(basicHeader.substring(6));
                }
            }
        }
    }

    @Test
    void aWrongOrMissingLoginHandedToClairFailsTheIndex() {
        HttpCalls http = new HttpCalls(Duration.ofSeconds(5), Duration.ofSeconds(10), 0, Duration.ZERO);
        ClairEndpoint endpoint = ClairEndpoint.of("clairUrl", clair.url(), ClairApi.V4, null, null);
        ClairV4Client client = new ClairV4Client(new ClairCalls(http, endpoint, new SecretMasker()), Duration.ofMillis(50), Duration.ofSeconds(10));
        ResolvedImage resolved = new io.kubemagic.engine.registry.RegistryClient(http,
                new RegistryCredentials(ScanFixture.USER, SecretValue.of(ScanFixture.PASSWORD)), Set.of(fixture.locked.address()),
                new SecretMasker()).resolve(ImageReference.parse("i", fixture.lockedImage("private/app:1")),
                io.kubemagic.engine.registry.Platform.DEFAULT, new AtomicInteger());
        ResolvedImage withoutLogin = new ResolvedImage(resolved.reference(), resolved.manifestDigest(), resolved.mediaType(),
                null, null, resolved.layers(), Map.of());
        ResolvedImage wrongLogin = new ResolvedImage(resolved.reference(), resolved.manifestDigest(), resolved.mediaType(),
                null, null, resolved.layers(), Map.of("Authorization", SecretValue.of("Basic " + Base64.getEncoder()
                .encodeToString("scanner:wrong".getBytes(StandardCharsets.UTF_8)))));

        for (ResolvedImage image : List.of(withoutLogin, wrongLogin)) {
            assertThatThrownBy(() -> client.scan(image, new AtomicInteger()))
                    .isInstanceOf(KubeMagicException.class)
                    .hasMessageContaining("Clair could not index")
                    .hasMessageContaining("IndexError")
                    .hasMessageContaining("401")
                    .hasMessageContaining("the login it was given must be valid");
        }
        assertThat(client.scan(resolved, new AtomicInteger())).hasSize(6);
    }

    @Test
    void aRegistryThatRefusesTheLoginIsAnErrorOfThatImageOnly() {
        ScanReport report = scan(request(ClairApi.V4, fixture.lockedImage("private/app:1"), fixture.image("team/app:clean"))
                .registryCredentials(new RegistryCredentials(ScanFixture.USER, SecretValue.of("Wrong-Pw-55aa")))
                .build());

        assertThat(report.images().get(0).error()).contains("refused the user name or password of \"scanner\"", "401");
        assertThat(report.images().get(1).error()).isNull();
        assertThat(report.gate().outcome()).isEqualTo(GateResult.Outcome.ERROR);
        assertThat(report.gate().message()).contains("1 image(s) could not be scanned");
        assertThat(console.text()).doesNotContain("Wrong-Pw-55aa");
        assertThat(clair.totalRequests()).isEqualTo(2);
    }

    @Test
    void badImageReferencesAreRefusedBeforeAnythingRuns() {
        assertThatThrownBy(() -> request(ClairApi.V4, "registry.example.com/Team/App:1"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("must be lower case");
        assertThatThrownBy(() -> request(ClairApi.V4).build()).hasMessageContaining("no image given");
        assertThatThrownBy(() -> ScanRequest.builder().images(List.of("a:1")).build()).hasMessageContaining("no Clair URL");
        assertThat(clair.totalRequests()).isZero();
    }

    @Test
    void clairDownIsAConnectionRefusedAfterTheRetries() {
        clair.stop();
        ScanReport report = scan(request(ClairApi.V4, fixture.image("team/app:clean")).retries(1).build());
        assertThat(report.gate().outcome()).isEqualTo(GateResult.Outcome.ERROR);
        assertThat(report.images().get(0).error()).contains("cannot connect to " + clair.url() + " (connection refused) (tried 2 times)");
    }

    @Test
    void aSlowClairRunsIntoTheTimeout() {
        clair.delay(Duration.ofSeconds(3));
        long start = System.nanoTime();
        ScanReport report = scan(request(ClairApi.V4, fixture.image("team/app:clean"))
                .requestTimeout(Duration.ofMillis(700)).retries(0).build());
        assertThat(report.images().get(0).error()).contains("no answer within the timeout (700ms) from " + clair.url());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void transientFailuresAreRetriedAndUnfinishedIndexesPolled() {
        clair.failNext(2).pollsBeforeFinished(3);
        ScanReport report = scan(request(ClairApi.V4, fixture.image("team/app:vulnerable")).retries(2).build());
        assertThat(report.images().get(0).error()).isNull();
        assertThat(report.images().get(0).findings()).hasSize(6);
        assertThat(clair.requests()).containsEntry("POST /indexer/api/v1/index_report", 3)
                .containsEntry("GET /indexer/api/v1/index_report/{digest}", 3)
                .containsEntry("GET /matcher/api/v1/vulnerability_report/{digest}", 1);

        clair.pollsBeforeFinished(1000);
        ScanReport stuck = scan(request(ClairApi.V4, fixture.image("team/app:unfixed")).indexTimeout(Duration.ofMillis(300)).build());
        assertThat(stuck.images().get(0).error()).contains("did not finish indexing", "state FetchLayers");
    }

    @Test
    void pskAuthentication() {
        String key = Base64.getEncoder().encodeToString("clair-psk-0123456789abcdef-secret".getBytes(StandardCharsets.US_ASCII));
        clair.psk(key, "jenkins");
        ScanReport ok = scan(request(ClairApi.V4, fixture.image("team/app:clean"))
                .clair(ClairEndpoint.of("clairUrl", clair.url(), ClairApi.V4, SecretValue.of(key), "jenkins")).build());
        assertThat(ok.images().get(0).error()).isNull();

        ScanReport wrongIssuer = scan(request(ClairApi.V4, fixture.image("team/app:clean"))
                .clair(ClairEndpoint.of("clairUrl", clair.url(), ClairApi.V4, SecretValue.of(key), "kubemagic")).build());
        assertThat(wrongIssuer.images().get(0).error()).contains("refused the request (401", "issuer \"kubemagic\" is in Clair's allow-list");
        ScanReport none = scan(request(ClairApi.V4, fixture.image("team/app:clean")).build());
        assertThat(none.images().get(0).error()).contains("it wants PSK authentication");
        assertThat(console.text()).doesNotContain(key);
    }

    @Test
    void v2PostsEveryLayerWithItsParentThenReadsTheTop() throws Exception {
        ScanReport report = scan(request(ClairApi.V2, fixture.image("team/app:vulnerable"), fixture.lockedImage("private/app:1"))
                .registryCredentials(new RegistryCredentials(ScanFixture.USER, SecretValue.of(ScanFixture.PASSWORD)))
                .reportDir(temp.resolve("v2").toString()).build());

        assertThat(report.api()).isEqualTo("v2");
        for (ImageScan image : report.images()) {
            assertThat(image.error()).isNull();
            assertThat(image.findings()).extracting(Finding::vulnerability).containsExactlyInAnyOrder(
                    "CVE-2022-37434", "CVE-2021-33560", "CVE-2023-0286", "CVE-2022-1304", "CVE-2010-4756", "CVE-2019-1010022");
            assertThat(image.clairRequests()).isEqualTo(3);
        }
        assertThat(report.images().get(0).findings().get(0).fixedIn()).isEqualTo("1:1.2.11.dfsg-2+deb11u2");
        assertThat(clair.requests()).containsEntry("POST /v1/layers", 4).containsEntry("GET /v1/layers/{name}", 2);
        assertThat(report.gate().outcome()).isEqualTo(GateResult.Outcome.FAILED);
        assertThat(clair.registryAuthorizationsReceived()).hasSize(2);
        String basic = "Basic " + Base64.getEncoder().encodeToString((ScanFixture.USER + ":" + ScanFixture.PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        assertNoSecretIn(basic, temp.resolve("v2"), temp.resolve("audit.jsonl"));
    }

    @Test
    void reportsSayWhatWasFoundInEveryFormat() throws Exception {
        Path reports = temp.resolve("reports");
        scan(request(ClairApi.V4, fixture.image("team/app:vulnerable"), fixture.image("team/app:clean"), fixture.image("team/app:nope"))
                .policy(policy(Severity.HIGH, GateAction.FAIL, false, "general: [CVE-2023-0286]", 0))
                .reportDir(reports.toString()).build());

        JsonNode json = Json.mapper().readTree(reports.resolve("clair-report.json").toFile());
        assertThat(json.path("gate").path("outcome").asText()).isEqualTo("ERROR");
        assertThat(json.path("images")).hasSize(3);
        assertThat(json.path("images").path(2).path("error").asText()).contains("MANIFEST_UNKNOWN");
        assertThat(json.path("images").path(0).path("findings")).hasSize(6);

        Document junit = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(reports.resolve("clair-junit.xml").toFile());
        Element suites = junit.getDocumentElement();
        assertThat(suites.getAttribute("tests")).isEqualTo("7"); // 5 vulnerable packages + 1 clean image + 1 error
        assertThat(suites.getAttribute("failures")).isEqualTo("2"); // zlib1g (Critical), libgcrypt20 (High, unfixed)
        assertThat(suites.getAttribute("errors")).isEqualTo("1");
        NodeList cases = junit.getElementsByTagName("testcase");
        List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < cases.getLength(); i++) {
            names.add(((Element) cases.item(i)).getAttribute("name"));
        }
        assertThat(names).contains("zlib1g " + VulnerabilityTable.ZLIB_VULNERABLE, "openssl " + VulnerabilityTable.OPENSSL_VULNERABLE,
                "no vulnerable packages", "scan");

        JsonNode sarif = Json.mapper().readTree(reports.resolve("clair-report.sarif").toFile());
        assertThat(sarif.path("version").asText()).isEqualTo("2.1.0");
        JsonNode results = sarif.path("runs").path(0).path("results");
        assertThat(results).hasSize(6);
        assertThat(sarif.path("runs").path(0).path("tool").path("driver").path("rules")).hasSize(6);
        JsonNode openssl = java.util.stream.StreamSupport.stream(results.spliterator(), false)
                .filter(r -> r.path("ruleId").asText().equals("CVE-2023-0286")).findFirst().orElseThrow();
        assertThat(openssl.path("suppressions").path(0).path("justification").asText()).isEqualTo("whitelisted");
        assertThat(results.path(0).path("level").asText()).isEqualTo("error");
        assertThat(results.path(0).path("locations").path(0).path("physicalLocation").path("artifactLocation").path("uri").asText())
                .isEqualTo("team/app/vulnerable");

        String html = Files.readString(reports.resolve("clair-report.html"));
        assertThat(html).contains("<table id=\"findings\">", "CVE-2022-37434", "id=\"f-severity\"", "Gate ERROR", "MANIFEST_UNKNOWN")
                .doesNotContain("<script src");
        assertThat(html.split("<tr class=")).hasSize(7);
    }
}
