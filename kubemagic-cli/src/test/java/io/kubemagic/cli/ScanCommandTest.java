package io.kubemagic.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubemagic.engine.json.Json;
import io.kubemagic.engine.testkit.clair.ClairSimulator;
import io.kubemagic.engine.testkit.clair.ScanFixture;
import io.kubemagic.engine.testkit.clair.VulnerabilityTable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code kubemagic scan} in-process against real registries and the Clair simulator. */
class ScanCommandTest {
    @TempDir
    static Path temp;
    private static ScanFixture fixture;
    private static ClairSimulator clair;

    @BeforeAll
    static void start() {
        fixture = ScanFixture.start(temp.resolve("fixture"));
        clair = fixture.startClair();
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private static String[] scan(String... extra) {
        List<String> args = new ArrayList<>(List.of("scan", "--clair-url", clair.url(), "--insecure-registry", fixture.open.address(),
                "--insecure-registry", fixture.locked.address(), "--retries", "0", "--timeout", "10s"));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    @Test
    void theGateDecidesTheExitCode() {
        Cli.Result failed = Cli.run(scan(fixture.image("team/app:vulnerable")));
        assertThat(failed.exitCode()).as(failed.all()).isEqualTo(ExitCodes.GATE_FAILED);
        assertThat(failed.out()).contains("CRITICAL", "CVE-2022-37434", "VIOLATION", "gate FAILED", "3 finding(s) break the gate");

        Cli.Result unstable = Cli.run(scan(fixture.image("team/app:vulnerable"), "--on-violation", "unstable", "--ignore-unfixed",
                "--threshold", "critical"));
        assertThat(unstable.exitCode()).as(unstable.all()).isEqualTo(ExitCodes.GATE_UNSTABLE);

        Cli.Result passed = Cli.run(scan(fixture.image("team/app:clean"), fixture.image("team/app:unfixed"), "--ignore-unfixed"));
        assertThat(passed.exitCode()).as(passed.all()).isEqualTo(ExitCodes.OK);
        assertThat(passed.out()).contains("gate passed");

        Cli.Result warned = Cli.run(scan(fixture.image("team/app:vulnerable"), "--on-violation", "warn"));
        assertThat(warned.exitCode()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void whitelistAndJsonOutput() throws Exception {
        Path whitelist = temp.resolve("whitelist.yaml");
        Files.writeString(whitelist, "general:\n  - CVE-2022-37434\nimages:\n  team/app:\n    - CVE-2023-0286\n");
        Cli.Result result = Cli.run(scan(fixture.image("team/app:vulnerable"), "--whitelist", whitelist.toString(),
                "--ignore-unfixed", "--format", "json"));
        assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.OK);
        JsonNode report = Json.mapper().readTree(result.out());
        assertThat(report.path("gate").path("outcome").asText()).isEqualTo("PASSED");
        assertThat(report.path("images").path(0).path("findings")).hasSize(6);
        assertThat(result.err()).contains("[kubemagic] scanning 1 image(s)");
    }

    @Test
    void theRegistryPasswordComesFromTheEnvironmentAndIsNeverShown() throws Exception {
        Path reports = temp.resolve("cli-reports");
        Cli.Result result = Cli.run(Cli.env("KUBEMAGIC_REGISTRY_PASSWORD", ScanFixture.PASSWORD),
                scan(fixture.lockedImage("private/app:1"), "--username", ScanFixture.USER, "--report-dir", reports.toString(),
                        "--audit-log", temp.resolve("audit.jsonl").toString()));
        assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.GATE_FAILED);
        assertThat(result.all()).doesNotContain(ScanFixture.PASSWORD);
        try (var files = Files.list(reports)) {
            for (Path file : files.toList()) {
                assertThat(Files.readString(file)).as(file.toString()).doesNotContain(ScanFixture.PASSWORD);
            }
        }
        assertThat(Files.readString(temp.resolve("audit.jsonl"))).contains("clair.scan").doesNotContain(ScanFixture.PASSWORD);

        Path passwordFile = temp.resolve("password");
        Files.writeString(passwordFile, "Wrong-Registry-Pw-1\n");
        Cli.Result refused = Cli.run(scan(fixture.lockedImage("private/app:1"), "--username", ScanFixture.USER,
                "--password-file", passwordFile.toString()));
        assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(refused.all()).contains("401").doesNotContain("Wrong-Registry-Pw-1");
    }

    @Test
    void badInputIsRefusedWithExitCode2() {
        Cli.Result password = Cli.run(scan(fixture.image("team/app:clean"), "--username", "u", "--password", "On-The-Command-Line-9"));
        assertThat(password.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(password.all()).contains("KUBEMAGIC_REGISTRY_PASSWORD").doesNotContain("On-The-Command-Line-9");
        Cli.Result image = Cli.run(scan("registry.example.com/Team/App:1"));
        assertThat(image.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(image.err()).contains("must be lower case");
        Cli.Result threshold = Cli.run(scan(fixture.image("team/app:clean"), "--threshold", "severe"));
        assertThat(threshold.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(threshold.err()).contains("Unknown < Negligible < Low < Medium < High < Critical");
        Cli.Result noClair = Cli.run("scan", "alpine");
        assertThat(noClair.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(noClair.err()).contains("--clair-url");
        Cli.Result noUser = Cli.run(Cli.env("KUBEMAGIC_REGISTRY_PASSWORD", "x"), scan(fixture.image("team/app:clean"), "--username", "u:pw"));
        assertThat(noUser.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    }

    @Test
    void clairDownIsUnreachable() {
        try (ClairSimulator down = ClairSimulator.start(VulnerabilityTable.standard())) {
            down.stop();
            Cli.Result result = Cli.run("scan", "--clair-url", down.url(), "--insecure-registry", fixture.open.address(),
                    "--retries", "0", fixture.image("team/app:clean"));
            assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.UNREACHABLE);
            assertThat(result.out()).contains("connection refused");
        }
    }

    @Test
    void helpListsTheGateExitCodes() {
        Cli.Result help = Cli.run("scan", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--clair-url", "--api", "--threshold", "--whitelist", "--ignore-unfixed", "--report-dir",
                "--format", "--insecure-registry", "--platform", "KUBEMAGIC_REGISTRY_PASSWORD", "Exit codes:");
        assertThat(help.out()).containsPattern("\\s5\\s+scan: the vulnerability gate failed");
        assertThat(Cli.run("--help").out()).contains("scan");
    }
}
