package io.kubemagic.engine.clair;

import io.kubemagic.engine.KubeMagicException;
import io.kubemagic.engine.OperationContext;
import io.kubemagic.engine.audit.AuditRecord;
import io.kubemagic.engine.audit.AuditTrail;
import io.kubemagic.engine.clair.report.ScanReports;
import io.kubemagic.engine.clair.report.ScanTables;
import io.kubemagic.engine.console.Console;
import io.kubemagic.engine.http.HttpCalls;
import io.kubemagic.engine.registry.ImageReference;
import io.kubemagic.engine.registry.RegistryClient;
import io.kubemagic.engine.registry.ResolvedImage;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scan of several images: each resolved in its registry and handed to Clair, at most
 * {@code concurrency} at a time; the findings classified by the policy, the gate evaluated, a table
 * on the console, reports written, an audit record kept. An image that cannot be scanned (registry
 * or Clair failing) does not stop the others: it is reported with its error, and the gate says ERROR.
 */
public final class ScanRunner {
    private static final Comparator<Finding> ORDER = Comparator.comparing(Finding::severity).reversed()
            .thenComparing(Finding::packageName).thenComparing(Finding::vulnerability);

    private final OperationContext context;

    public ScanRunner(OperationContext context) {
        this.context = context;
    }

    public ScanReport run(ScanRequest request) {
        request.registerSecrets(context.masker());
        Console console = context.console();
        AuditTrail.Entry audit = context.audit().begin(context.who(), "clair.scan", request.describeTarget(), request.describe());
        Instant start = Instant.now();
        HttpCalls http = new HttpCalls(request.connectTimeout(), request.requestTimeout(), request.retries(), request.retryPause());
        RegistryClient registry = new RegistryClient(http, request.registryCredentials(), request.insecureRegistries(), context.masker());
        ClairCalls calls = new ClairCalls(http, request.clair(), context.masker());
        ClairScanner scanner = request.clair().api() == ClairApi.V4
                ? new ClairV4Client(calls, request.pollInterval(), request.indexTimeout())
                : new ClairV2Client(calls);
        int parallel = Math.min(request.concurrency(), request.references().size());
        console.progress("scanning " + request.references().size() + " image(s) with Clair " + request.clair() + ", "
                + parallel + " at a time; gate: " + request.policy().threshold().label() + " or worse, "
                + request.policy().action().name().toLowerCase(java.util.Locale.ROOT) + " when more than "
                + request.policy().maxFindings());
        List<ImageScan> scans;
        try {
            scans = scanAll(request, registry, scanner, parallel);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            audit.finish(AuditRecord.Outcome.ABORTED, "interrupted");
            throw new KubeMagicException("the scan was interrupted (aborted)", e);
        }
        GateResult gate = request.policy().evaluate(scans);
        ScanReport report = new ScanReport(request.clair().base(), request.clair().api().label(), request.policy().describe(),
                scans, gate, Map.of(), Duration.between(start, Instant.now()).toMillis(), null);
        ScanTables.summary(report).forEach(console::line);
        List<String> findings = ScanTables.findings(report, request.policy().threshold());
        if (!findings.isEmpty()) {
            console.line("");
            findings.forEach(console::line);
        }
        if (gate.outcome() == GateResult.Outcome.PASSED) {
            console.progress("gate passed: " + gate.message());
        } else {
            console.warn("gate " + gate.outcome().name() + ": " + gate.message());
        }
        if (request.reportDir() != null) {
            Map<String, String> written = ScanReports.write(report, Path.of(request.reportDir()), context.masker());
            console.progress("reports: " + String.join(", ", written.values()));
            report = report.withReports(written);
        }
        AuditRecord record = audit.finish(gate.outcome() == GateResult.Outcome.ERROR ? AuditRecord.Outcome.FAILURE
                : AuditRecord.Outcome.SUCCESS, gate.outcome() + ": " + gate.message());
        return report.withAudit(record);
    }

    private List<ImageScan> scanAll(ScanRequest request, RegistryClient registry, ClairScanner scanner, int parallel)
            throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(parallel, runnable -> {
            Thread thread = new Thread(runnable, "kubemagic-scan");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<ImageScan>> futures = new ArrayList<>();
            for (int i = 0; i < request.references().size(); i++) {
                String given = request.images().get(i);
                ImageReference reference = request.references().get(i);
                futures.add(pool.submit(() -> scanOne(request, registry, scanner, given, reference)));
            }
            List<ImageScan> scans = new ArrayList<>();
            for (Future<ImageScan> future : futures) {
                try {
                    scans.add(future.get());
                } catch (ExecutionException e) {
                    throw new IllegalStateException("scanning failed unexpectedly", e.getCause());
                }
            }
            return scans;
        } finally {
            pool.shutdownNow();
        }
    }

    private ImageScan scanOne(ScanRequest request, RegistryClient registry, ClairScanner scanner, String given,
                              ImageReference reference) {
        Console console = context.console();
        AtomicInteger registryRequests = new AtomicInteger();
        AtomicInteger clairRequests = new AtomicInteger();
        Instant start = Instant.now();
        try {
            ResolvedImage resolved = registry.resolve(reference, request.platform(), registryRequests);
            console.progress(given + ": manifest " + resolved.manifestDigest()
                    + (resolved.indexDigest() == null ? "" : " (" + resolved.platform() + " of index " + resolved.indexDigest() + ")")
                    + ", " + resolved.layers().size() + " layer(s)");
            List<Finding> findings = scanner.scan(resolved, clairRequests).stream()
                    .map(f -> request.policy().classify(reference, f))
                    .sorted(ORDER)
                    .toList();
            ImageScan scan = new ImageScan(given, resolved.pinned().toString(), resolved.manifestDigest(), resolved.indexDigest(),
                    resolved.platform(), resolved.layers().size(), findings, null, registryRequests.get(), clairRequests.get(),
                    Duration.between(start, Instant.now()).toMillis());
            console.progress(given + ": " + findings.size() + " vulnerabilit" + (findings.size() == 1 ? "y" : "ies")
                    + ", " + scan.violations() + " against the gate");
            return scan;
        } catch (KubeMagicException e) {
            String message = context.masker().mask(e.getMessage());
            console.warn(given + ": " + message);
            return ImageScan.failed(given, reference.toString(), message, registryRequests.get(), clairRequests.get(),
                    Duration.between(start, Instant.now()).toMillis());
        }
    }
}
