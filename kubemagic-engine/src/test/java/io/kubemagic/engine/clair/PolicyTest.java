package io.kubemagic.engine.clair;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubemagic.engine.InvalidInputException;
import io.kubemagic.engine.console.SecretValue;
import io.kubemagic.engine.json.Json;
import io.kubemagic.engine.registry.ImageReference;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Severities, Klar whitelists, the classification of findings and the gate, the PSK token. */
class PolicyTest {
    private static final ImageReference APP = ImageReference.parse("images", "registry.example.com:5000/team/app:1.0");
    private static final ImageReference ALPINE = ImageReference.parse("images", "alpine:3.18");

    private static Finding finding(String cve, Severity severity, String fixedIn) {
        return new Finding(APP.toString(), cve, severity, "openssl", "1.1.1n", fixedIn, "https://example.com/" + cve, "", null, null);
    }

    @Test
    void severitiesOrderAndParse() {
        assertThat(Severity.parse("threshold", "high")).isEqualTo(Severity.HIGH);
        assertThat(Severity.parse("threshold", " Critical ")).isEqualTo(Severity.CRITICAL);
        assertThat(Severity.fromScanner("Defcon1")).isEqualTo(Severity.CRITICAL);
        assertThat(Severity.fromScanner("whatever")).isEqualTo(Severity.UNKNOWN);
        assertThat(Severity.UNKNOWN).isLessThan(Severity.NEGLIGIBLE);
        assertThat(Severity.NEGLIGIBLE).isLessThan(Severity.LOW);
        assertThat(Severity.LOW).isLessThan(Severity.MEDIUM);
        assertThat(Severity.MEDIUM).isLessThan(Severity.HIGH);
        assertThat(Severity.HIGH).isLessThan(Severity.CRITICAL);
        assertThatThrownBy(() -> Severity.parse("threshold", "severe"))
                .hasMessage("threshold: \"severe\" is not a severity; use one of Unknown < Negligible < Low < Medium < High < Critical");
    }

    @Test
    void klarWhitelistsMatchGenerallyAndPerImage() {
        Whitelist whitelist = Whitelist.parse("whitelistFile", """
                general:
                  - CVE-2016-2779
                images:
                  alpine:
                    - CVE-2017-9671
                  team/app:
                    - rhsa-2018:0805
                  registry.example.com:5000/team/app:1.0:
                    - CVE-2020-0001
                """);
        assertThat(whitelist.accepts(APP, "CVE-2016-2779")).isTrue();
        assertThat(whitelist.accepts(ALPINE, "CVE-2016-2779")).isTrue();
        assertThat(whitelist.accepts(ALPINE, "CVE-2017-9671")).isTrue();
        assertThat(whitelist.accepts(APP, "CVE-2017-9671")).isFalse();
        assertThat(whitelist.accepts(APP, "RHSA-2018:0805")).isTrue();
        assertThat(whitelist.accepts(APP, "CVE-2020-0001")).isTrue();
        assertThat(whitelist.accepts(ImageReference.parse("i", "registry.example.com:5000/team/app:2.0"), "CVE-2020-0001")).isFalse();
        assertThat(whitelist.size()).isEqualTo(4);
        assertThat(Whitelist.parse("w", "").isEmpty()).isTrue();
        assertThat(Whitelist.parse("w", "general:\n").isEmpty()).isTrue();
    }

    @Test
    void badWhitelistsAreRefusedWithTheFix() {
        assertThatThrownBy(() -> Whitelist.parse("whitelistFile", "generel:\n  - CVE-1\n"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("unknown key \"generel\"");
        assertThatThrownBy(() -> Whitelist.parse("whitelistFile", "general: CVE-1\n")).hasMessageContaining("must be a list");
        assertThatThrownBy(() -> Whitelist.parse("whitelistFile", "images:\n  - CVE-1\n")).hasMessageContaining("\"images:\" must map");
        assertThatThrownBy(() -> Whitelist.parse("whitelistFile", "general: [\n")).hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> Whitelist.read("whitelistFile", java.nio.file.Path.of("/nonexistent/w.yaml")))
                .hasMessageContaining("does not exist");
    }

    @Test
    void classificationAndGate() {
        Whitelist whitelist = Whitelist.parse("w", "general: [CVE-3]\n");
        ScanPolicy policy = new ScanPolicy(Severity.HIGH, GateAction.UNSTABLE, true, whitelist, 1);
        List<Finding> findings = List.of(
                policy.classify(APP, finding("CVE-1", Severity.CRITICAL, "1.2")),
                policy.classify(APP, finding("CVE-2", Severity.HIGH, "")),
                policy.classify(APP, finding("CVE-3", Severity.HIGH, "1.2")),
                policy.classify(APP, finding("CVE-4", Severity.MEDIUM, "1.2")),
                policy.classify(APP, finding("CVE-5", Severity.HIGH, "1.3")));
        assertThat(findings).extracting(Finding::status).containsExactly(Finding.Status.VIOLATION,
                Finding.Status.UNFIXED_IGNORED, Finding.Status.WHITELISTED, Finding.Status.BELOW_THRESHOLD, Finding.Status.VIOLATION);
        ImageScan scan = new ImageScan(APP.toString(), APP.toString(), "sha256:x", null, null, 1, findings, null, 1, 2, 10);

        GateResult unstable = policy.evaluate(List.of(scan));
        assertThat(unstable.outcome()).isEqualTo(GateResult.Outcome.UNSTABLE);
        assertThat(unstable.breaking()).extracting(Finding::vulnerability).containsExactly("CVE-1", "CVE-5");
        assertThat(unstable.message()).contains("2 finding(s) break the gate", "CVE-1 (Critical)", "CVE-5 (High)")
                .doesNotContain("CVE-2", "CVE-3", "CVE-4");

        ScanPolicy lenient = new ScanPolicy(Severity.HIGH, GateAction.FAIL, true, whitelist, 2);
        assertThat(lenient.evaluate(List.of(scan)).outcome()).isEqualTo(GateResult.Outcome.PASSED);
        assertThat(lenient.evaluate(List.of(scan)).breaking()).isEmpty();
        ScanPolicy warn = new ScanPolicy(Severity.CRITICAL, GateAction.WARN, false, null, 0);
        assertThat(warn.evaluate(List.of(scan)).outcome()).isEqualTo(GateResult.Outcome.WARNED);
        ScanPolicy strict = new ScanPolicy(Severity.LOW, GateAction.FAIL, false, null, 0);
        List<Finding> all = findings.stream().map(f -> strict.classify(APP, f)).toList();
        GateResult failed = strict.evaluate(List.of(new ImageScan(APP.toString(), null, null, null, null, 1, all, null, 0, 0, 0)));
        assertThat(failed.outcome()).isEqualTo(GateResult.Outcome.FAILED);
        assertThat(failed.violations()).isEqualTo(5);

        GateResult error = strict.evaluate(List.of(ImageScan.failed("x", "x", "registry down", 1, 0, 5), scan));
        assertThat(error.outcome()).isEqualTo(GateResult.Outcome.ERROR);
        assertThat(error.errors()).containsExactly("x: registry down");
        assertThatThrownBy(() -> new ScanPolicy(Severity.HIGH, GateAction.FAIL, false, null, -1)).hasMessageContaining("maxFindings");
    }

    @Test
    void pskTokenIsAnHs256JwtWithTheIssuer() throws Exception {
        String key = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
        SecretValue token = PskToken.sign(SecretValue.of(key), "kubemagic", Clock.fixed(Instant.ofEpochSecond(1_700_000_000), ZoneOffset.UTC));
        String[] parts = token.reveal().split("\\.");
        assertThat(parts).hasSize(3);
        JsonNode header = Json.mapper().readTree(Base64.getUrlDecoder().decode(parts[0]));
        JsonNode claims = Json.mapper().readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertThat(header.path("alg").asText()).isEqualTo("HS256");
        assertThat(claims.path("iss").asText()).isEqualTo("kubemagic");
        assertThat(claims.path("exp").asLong()).isEqualTo(1_700_000_000 + 300);
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(Base64.getDecoder().decode(key), "HmacSHA256"));
        assertThat(parts[2]).isEqualTo(Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.doFinal((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII))));
        assertThatThrownBy(() -> ClairEndpoint.of("clairUrl", "http://clair:6060", ClairApi.V4, SecretValue.of("not base64!"), null))
                .hasMessageContaining("base64");
    }

    @Test
    void clairUrlsAndApiVersions() {
        assertThat(ClairEndpoint.of("clairUrl", "http://clair:6060/", null, null, null).base()).isEqualTo("http://clair:6060");
        assertThat(ClairApi.parse("apiVersion", "V2")).isEqualTo(ClairApi.V2);
        assertThatThrownBy(() -> ClairApi.parse("apiVersion", "v3")).hasMessageContaining("v4").hasMessageContaining("v2");
        assertThatThrownBy(() -> ClairEndpoint.of("clairUrl", "clair:6060", null, null, null)).hasMessageContaining("http(s) URL");
        assertThatThrownBy(() -> ClairEndpoint.of("clairUrl", "http://user:pw-secret@clair:6060", null, null, null))
                .hasMessageNotContaining("pw-secret").hasMessageContaining("login in the URL");
        assertThatThrownBy(() -> ClairEndpoint.of("clairUrl", " ", null, null, null)).hasMessageContaining("no Clair URL");
    }
}
