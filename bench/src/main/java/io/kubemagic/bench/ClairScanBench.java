package io.kubemagic.bench;

import io.kubemagic.engine.OperationContext;
import io.kubemagic.engine.clair.ClairApi;
import io.kubemagic.engine.clair.ClairEndpoint;
import io.kubemagic.engine.clair.ImageScan;
import io.kubemagic.engine.clair.ScanReport;
import io.kubemagic.engine.clair.ScanRequest;
import io.kubemagic.engine.clair.ScanRunner;
import io.kubemagic.engine.console.Console;
import io.kubemagic.engine.json.Json;
import io.kubemagic.engine.testkit.clair.ClairSimulator;
import io.kubemagic.engine.testkit.clair.LocalRegistry;
import io.kubemagic.engine.testkit.clair.ScanFixture;
import io.kubemagic.engine.testkit.clair.TestImages;
import io.kubemagic.engine.testkit.clair.VulnerabilityTable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Benchmark 2: scanning N images (default 20) against the Clair simulator, with a real registry.
 * Prints, as ratios: the wall time of one scan of all images with bounded concurrency against the
 * slowest single-image scan (goal <= 1.3), the same against scanning one after another, and the
 * HTTP requests per image against the minimum the API needs.
 */
public final class ClairScanBench {
    private ClairScanBench() {
    }

    /** v4: the manifest, the index POST, the report GET. v2: the manifest, a POST per layer, one GET. */
    static int minimumRequests(ClairApi api, int layers, boolean index) {
        int registry = index ? 2 : 1;
        return api == ClairApi.V4 ? registry + 2 : registry + layers + 1;
    }

    static double ratio(double ours, double reference) {
        return reference <= 0 ? Double.NaN : ours / reference;
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options = new BenchOptions(List.of(args), System.getenv());
        int images = options.integer("images", 20, 1, 32);
        int concurrency = options.integer("concurrency", images, 1, ScanRequest.MAX_CONCURRENCY);
        int indexDelayMs = options.integer("index-delay-ms", 400, 0, 60_000);
        ClairApi api = ClairApi.parse("api", options.string("api", "v4"));
        Path resultsDir = Path.of(options.string("results-dir", "bench/results"));
        if (!options.unknown().isEmpty()) {
            throw new IllegalArgumentException("unknown options " + options.unknown()
                    + "; known: --images=20 --concurrency=<images> --index-delay-ms=400 --api=v4 --results-dir=bench/results");
        }
        Path work = Files.createTempDirectory("kubemagic-clair-bench");
        say("Clair scan benchmark: " + images + " images, concurrency " + concurrency + ", API " + api.label()
                + ", simulated indexing " + indexDelayMs + " ms per image (v4) or layer (v2)");
        try (LocalRegistry registry = LocalRegistry.anonymous(work.resolve("registry"));
             ClairSimulator clair = ClairSimulator.start(VulnerabilityTable.standard())) {
            clair.indexDelay(Duration.ofMillis(indexDelayMs));
            List<String> refs = push(registry, work, images);
            ClairEndpoint endpoint = ClairEndpoint.of("clairUrl", clair.url(), api, null, null);

            // Warm-up (class loading, JIT, the simulator's first index), not timed; Clair's cache is
            // not involved: the simulator indexes every POST again, as Clair re-indexes nothing it knows
            // but still answers each request.
            scan(List.of(refs.get(0)), registry, endpoint, 1);
            // One image at a time, each its own scan: the single-scan times, and the sequential total.
            List<Long> singles = new ArrayList<>();
            long sequentialStart = System.nanoTime();
            for (String ref : refs) {
                long start = System.nanoTime();
                scan(List.of(ref), registry, endpoint, 1);
                singles.add((System.nanoTime() - start) / 1_000_000);
            }
            long sequential = (System.nanoTime() - sequentialStart) / 1_000_000;
            int requestsBefore = clair.totalRequests();

            long start = System.nanoTime();
            ScanReport together = scan(refs, registry, endpoint, concurrency);
            long bounded = (System.nanoTime() - start) / 1_000_000;
            long slowest = singles.stream().mapToLong(Long::longValue).max().orElse(0);

            double requests = together.images().stream().mapToInt(i -> i.registryRequests() + i.clairRequests()).average().orElse(0);
            double minimum = together.images().stream().mapToInt(i -> minimumRequests(api, i.layers(), i.indexDigest() != null))
                    .average().orElse(0);
            int clairSeen = clair.totalRequests() - requestsBefore;
            long errors = together.images().stream().filter(i -> i.error() != null).count();

            say("");
            say(String.format(Locale.ROOT, "%-52s %10s", "measure", "value"));
            say(String.format(Locale.ROOT, "%-52s %10d", "slowest single-image scan (ms)", slowest));
            say(String.format(Locale.ROOT, "%-52s %10d", "one after another, " + images + " scans (ms)", sequential));
            say(String.format(Locale.ROOT, "%-52s %10d", "one scan, concurrency " + concurrency + " (ms)", bounded));
            say(String.format(Locale.ROOT, "%-52s %10.2f", "bounded / slowest single (goal <= 1.30)", ratio(bounded, slowest)));
            say(String.format(Locale.ROOT, "%-52s %10.2f", "bounded / one after another", ratio(bounded, sequential)));
            say(String.format(Locale.ROOT, "%-52s %10.2f", "requests per image (registry + Clair)", requests));
            say(String.format(Locale.ROOT, "%-52s %10.2f", "minimum the API needs per image", minimum));
            say(String.format(Locale.ROOT, "%-52s %10.2f", "requests / minimum (goal 1.00)", ratio(requests, minimum)));
            say(String.format(Locale.ROOT, "%-52s %10d", "requests the simulator counted (Clair side)", clairSeen));
            say(String.format(Locale.ROOT, "%-52s %10d", "images that failed", errors));

            Map<String, Object> result = new LinkedHashMap<>();
            result.put("options", options.used());
            result.put("singleScanMillis", singles);
            result.put("slowestSingleMillis", slowest);
            result.put("sequentialMillis", sequential);
            result.put("boundedMillis", bounded);
            result.put("boundedOverSlowest", ratio(bounded, slowest));
            result.put("boundedOverSequential", ratio(bounded, sequential));
            result.put("requestsPerImage", requests);
            result.put("minimumRequestsPerImage", minimum);
            result.put("requestsOverMinimum", ratio(requests, minimum));
            result.put("clairRequestsCounted", clairSeen);
            result.put("imagesFailed", errors);
            Files.createDirectories(resultsDir);
            Path output = resultsDir.resolve("clair-scan-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
                    + ".json").toAbsolutePath();
            Files.writeString(output, Json.writePretty(result));
            say("results: " + output);
        } finally {
            deleteQuietly(work);
        }
    }

    private static List<String> push(LocalRegistry registry, Path work, int count) {
        TestImages builder = new TestImages(work.resolve("images"));
        List<String> refs = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            Map<String, String> packages = new LinkedHashMap<>(ScanFixture.vulnerablePackages());
            packages.put("bench-marker", "1." + i); // a distinct image each time
            builder.pushDebian(registry, "bench/app:" + i, packages);
            refs.add(registry.address() + "/bench/app:" + i);
        }
        say("pushed " + count + " images in " + (System.nanoTime() - start) / 1_000_000 + " ms (not timed)");
        return refs;
    }

    private static ScanReport scan(List<String> refs, LocalRegistry registry, ClairEndpoint endpoint, int concurrency) {
        ScanRequest request = ScanRequest.builder().images(refs).insecureRegistries(List.of(registry.address()))
                .clair(endpoint).concurrency(concurrency).pollInterval(Duration.ofMillis(50)).build();
        ScanReport report = new ScanRunner(new OperationContext("bench", Console.silent(), null)).run(request);
        for (ImageScan image : report.images()) {
            if (image.error() != null) {
                say("  " + image.image() + ": " + image.error());
            }
        }
        return report;
    }

    private static void deleteQuietly(Path directory) {
        try (var files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory; the OS cleans it eventually
        }
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
