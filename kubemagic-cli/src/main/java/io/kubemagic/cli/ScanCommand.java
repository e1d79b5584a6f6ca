package io.kubemagic.cli;

import io.kubemagic.engine.InvalidInputException;
import io.kubemagic.engine.KubeMagicException;
import io.kubemagic.engine.clair.ClairApi;
import io.kubemagic.engine.clair.ClairEndpoint;
import io.kubemagic.engine.clair.GateAction;
import io.kubemagic.engine.clair.GateResult;
import io.kubemagic.engine.clair.ScanPolicy;
import io.kubemagic.engine.clair.ScanReport;
import io.kubemagic.engine.clair.ScanRequest;
import io.kubemagic.engine.clair.ScanRunner;
import io.kubemagic.engine.clair.Severity;
import io.kubemagic.engine.clair.Whitelist;
import io.kubemagic.engine.console.SecretValue;
import io.kubemagic.engine.registry.Platform;
import io.kubemagic.engine.registry.RegistryCredentials;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code kubemagic scan}: images from their registry, scanned by Clair (v4, or v2 as Klar does),
 * without Docker; a gate on the findings and reports (JSON, HTML, JUnit, SARIF).
 */
@Command(name = "scan",
        description = {"Scan container images for vulnerabilities with Clair, straight from their registry (no Docker "
                + "daemon, no privileges): the manifest is resolved (an index by --platform), Clair fetches the layers "
                + "with the registry login, and the findings go through a gate.",
                "The gate counts findings at or above --threshold that are not whitelisted (and, with --ignore-unfixed, "
                        + "have a fix); more than --max-findings of them break it: exit 5 (--on-violation fail), "
                        + "6 (unstable) or 0 (warn)."},
        mixinStandardHelpOptions = true,
        modelTransformer = ExitCodes.HelpSection.class,
        footer = {"%nThe registry password comes from $KUBEMAGIC_REGISTRY_PASSWORD or --password-file, Clair's "
                + "pre-shared key from $KUBEMAGIC_CLAIR_PSK or --clair-psk-file; never from the command line.",
                "Example: kubemagic scan registry.example.com/team/app:1.0 --clair-url http://clair:6060 "
                        + "--threshold High --whitelist whitelist.yaml --report-dir reports"})
public final class ScanCommand extends OutputCommand {
    @Parameters(paramLabel = "IMAGE", arity = "1..*",
            description = "Images: [registry[:port]/]namespace/name[:tag][@sha256:digest].")
    List<String> images = new ArrayList<>();

    @Option(names = "--clair-url", paramLabel = "URL",
            description = "Clair's base URL, e.g. http://clair:6060 (default: $KUBEMAGIC_CLAIR_URL, else $CLAIR_ADDR).")
    String clairUrl;

    @Option(names = "--api", paramLabel = "VERSION", defaultValue = "v4",
            description = "Clair API: v4 (indexer/matcher) or v2 (/v1/layers, as Klar) (default: ${DEFAULT-VALUE}).")
    String api;

    @Option(names = "--threshold", paramLabel = "SEVERITY", defaultValue = "High",
            description = "Lowest severity that counts against the gate: Unknown, Negligible, Low, Medium, High, Critical "
                    + "(default: ${DEFAULT-VALUE}).")
    String threshold;

    @Option(names = "--whitelist", paramLabel = "FILE",
            description = "Accepted vulnerabilities, Klar's YAML format (general: [...], images: {name: [...]}).")
    Path whitelist;

    @Option(names = "--ignore-unfixed", description = "Findings without a fixed version do not count against the gate.")
    boolean ignoreUnfixed;

    @Option(names = "--max-findings", paramLabel = "N", defaultValue = "0",
            description = "How many findings the gate tolerates (default: ${DEFAULT-VALUE}).")
    int maxFindings;

    @Option(names = "--on-violation", paramLabel = "ACTION", defaultValue = "fail",
            description = "What a broken gate does: fail (exit 5), unstable (exit 6) or warn (exit 0) (default: ${DEFAULT-VALUE}).")
    String onViolation;

    @Option(names = "--report-dir", paramLabel = "DIR",
            description = "Write clair-report.json, clair-report.html, clair-junit.xml and clair-report.sarif to DIR.")
    Path reportDir;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "Output: table, or json (the whole report on stdout; progress on stderr) (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--insecure-registry", paramLabel = "HOST[:PORT]",
            description = "Reach this registry over plain http (repeatable); every other registry is https.")
    List<String> insecureRegistries = new ArrayList<>();

    @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]", defaultValue = "linux/amd64",
            description = "Which image of a multi-platform index to scan (default: ${DEFAULT-VALUE}).")
    String platform;

    @Option(names = "--username", paramLabel = "USER",
            description = "Registry user; the password comes from $KUBEMAGIC_REGISTRY_PASSWORD or --password-file.")
    String username;

    @Option(names = "--password-file", paramLabel = "FILE", description = "File holding the registry password or token.")
    Path passwordFile;

    /** Only here to refuse it: a password on the command line shows in ps and in the shell history. */
    @Option(names = "--password", hidden = true, paramLabel = "NEVER")
    String passwordOnCommandLine;

    @Option(names = "--clair-psk-file", paramLabel = "FILE",
            description = "File holding Clair's pre-shared key (base64, as in Clair's config) (default: $KUBEMAGIC_CLAIR_PSK).")
    Path clairPskFile;

    @Option(names = "--clair-issuer", paramLabel = "NAME", defaultValue = ClairEndpoint.DEFAULT_ISSUER,
            description = "The iss claim of the PSK tokens, allow-listed in Clair's config (default: ${DEFAULT-VALUE}).")
    String clairIssuer;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "" + ScanRequest.DEFAULT_CONCURRENCY,
            description = "Images scanned at the same time (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "2m",
            description = "Time limit of each request to the registry or Clair (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Option(names = "--index-timeout", paramLabel = "DURATION", defaultValue = "10m",
            description = "How long Clair v4 may take to index one image (default: ${DEFAULT-VALUE}).")
    String indexTimeout;

    @Option(names = "--retries", paramLabel = "N", defaultValue = "2",
            description = "Retries of a request that found no server, no answer in time, or a 5xx (default: ${DEFAULT-VALUE}).")
    int retries;

    @Override
    protected boolean json() {
        return output.json || "json".equalsIgnoreCase(format);
    }

    @Override
    protected int run() {
        if (!List.of("table", "json").contains(format.toLowerCase(Locale.ROOT))) {
            throw new InvalidInputException("--format", "\"" + format + "\" is not an output format; use table or json");
        }
        output.json = json();
        ScanRequest request = request();
        ScanReport report = new ScanRunner(context(output)).run(request);
        if (json()) {
            printJson(report);
        }
        return exitCode(report.gate());
    }

    ScanRequest request() {
        RegistryCredentials credentials = credentials();
        String url = clairUrl != null ? clairUrl : root().env("KUBEMAGIC_CLAIR_URL") != null
                ? root().env("KUBEMAGIC_CLAIR_URL") : root().env("CLAIR_ADDR");
        if (url == null) {
            throw new InvalidInputException("--clair-url", "no Clair given; use --clair-url http://clair:6060 or set KUBEMAGIC_CLAIR_URL");
        }
        SecretValue psk = CliFiles.secret(root(), masker, "--clair-psk-file", clairPskFile, "KUBEMAGIC_CLAIR_PSK");
        GateAction action = switch (onViolation.toLowerCase(Locale.ROOT)) {
            case "fail" -> GateAction.FAIL;
            case "unstable" -> GateAction.UNSTABLE;
            case "warn" -> GateAction.WARN;
            default -> throw new InvalidInputException("--on-violation", "\"" + onViolation + "\" is not an action; use fail, unstable or warn");
        };
        ScanPolicy policy = new ScanPolicy(Severity.parse("--threshold", threshold), action, ignoreUnfixed,
                whitelist == null ? null : Whitelist.read("--whitelist", whitelist), maxFindings);
        return ScanRequest.builder()
                .images(images)
                .platform(Platform.parse("--platform", platform))
                .registryCredentials(credentials)
                .insecureRegistries(insecureRegistries)
                .clair(ClairEndpoint.of("--clair-url", url, ClairApi.parse("--api", api), psk, clairIssuer))
                .policy(policy)
                .reportDir(reportDir == null ? null : reportDir.toString())
                .concurrency(concurrency)
                .requestTimeout(Durations.parse("--timeout", timeout))
                .indexTimeout(Durations.parse("--index-timeout", indexTimeout))
                .retries(retries)
                .build();
    }

    private RegistryCredentials credentials() {
        CliFiles.refusePasswordOnCommandLine(masker, passwordOnCommandLine, "--username", username, "KUBEMAGIC_REGISTRY_PASSWORD");
        SecretValue password = CliFiles.secret(root(), masker, "--password-file", passwordFile, "KUBEMAGIC_REGISTRY_PASSWORD");
        if (username == null) {
            if (passwordFile != null) {
                throw new InvalidInputException("--password-file", "a password without --username USER; give the registry user too");
            }
            return null;
        }
        if (password == null) {
            throw new InvalidInputException("--username", "registry user \"" + username + "\" needs a password: set "
                    + "KUBEMAGIC_REGISTRY_PASSWORD or use --password-file FILE");
        }
        return new RegistryCredentials(username, password);
    }

    /** A secret from a file (first line, without its line break) or else from an environment variable. */

    static int exitCode(GateResult gate) {
        return switch (gate.outcome()) {
            case PASSED, WARNED -> ExitCodes.OK;
            case FAILED -> ExitCodes.GATE_FAILED;
            case UNSTABLE -> ExitCodes.GATE_UNSTABLE;
            case ERROR -> gate.errors().stream().map(e -> ExitCodes.of(new KubeMagicException(e)))
                    .anyMatch(code -> code == ExitCodes.UNREACHABLE) ? ExitCodes.UNREACHABLE : ExitCodes.FAILED;
        };
    }
}
