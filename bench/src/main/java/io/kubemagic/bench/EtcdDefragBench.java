package io.kubemagic.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.options.CompactOption;
import io.kubemagic.engine.OperationContext;
import io.kubemagic.engine.console.Console;
import io.kubemagic.engine.etcd.ClusterStatus;
import io.kubemagic.engine.etcd.DefragReport;
import io.kubemagic.engine.etcd.DefragRequest;
import io.kubemagic.engine.etcd.DefragRule;
import io.kubemagic.engine.etcd.DefragRunner;
import io.kubemagic.engine.etcd.EtcdMaintenance;
import io.kubemagic.engine.etcd.EtcdTarget;
import io.kubemagic.engine.etcd.QuotaBytes;
import io.kubemagic.engine.etcd.local.LocalEtcdCluster;
import io.kubemagic.engine.process.ProcessTree;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark 1: defragmenting a 3-member cluster under a steady client write load, Kube Magic's
 * {@link DefragRunner} (one member at a time, followers first, leader last) against the raw
 * {@code etcdctl defrag --cluster}. Each round prepares two equally fragmented fresh clusters and
 * runs each method once, alternating which goes first. Prints a table per round, a summary with
 * the ratios, and writes everything to a JSON file.
 */
public final class EtcdDefragBench {
    static final String OURS = "kubemagic";
    static final String ETCDCTL = "etcdctl";

    /** Clusters still running, stopped by the shutdown hook if the run is interrupted. */
    private static final Set<LocalEtcdCluster> OPEN = ConcurrentHashMap.newKeySet();

    private final int rounds;
    private final int prefillMiB;
    private final int passes;
    private final int valueKiB;
    private final int rate;
    private final int attemptTimeoutMillis;
    private final int retries;
    private final int backoffMillis;
    private final int warmupMillis;
    private final int settleMillis;
    private final String etcdBinary;
    private final String etcdctlBinary;
    private final List<String> etcdctlExtra;
    private final Path resultsDir;
    private final Path dataParent;
    private final List<String> methods;
    private final BenchOptions options;

    private EtcdDefragBench(BenchOptions options) {
        this.options = options;
        rounds = options.integer("rounds", 3, 1, 50);
        prefillMiB = options.integer("prefill-mib", 100, 1, 2_000);
        passes = options.integer("passes", 2, 1, 100);
        valueKiB = options.integer("value-kib", 16, 1, 1_024);
        rate = options.integer("rate", 50, 1, 5_000);
        attemptTimeoutMillis = options.integer("attempt-timeout-ms", 500, 10, 60_000);
        retries = options.integer("retries", 3, 0, 20);
        backoffMillis = options.integer("backoff-ms", 20, 0, 10_000);
        warmupMillis = options.integer("warmup-ms", 2_000, 0, 60_000);
        settleMillis = options.integer("settle-ms", 2_000, 0, 60_000);
        etcdBinary = options.string("etcd", "etcd");
        etcdctlBinary = options.string("etcdctl-binary", "etcdctl");
        String extra = options.string("etcdctl-extra-args", "");
        etcdctlExtra = extra.isBlank() ? List.of() : List.of(extra.trim().split("\\s+"));
        resultsDir = Path.of(options.string("results-dir", "bench/results"));
        String parent = options.string("data-parent", "");
        dataParent = parent.isBlank() ? null : Path.of(parent);
        methods = List.of(options.string("methods", OURS + "," + ETCDCTL).split(","));
        if (!methods.contains(OURS) || !methods.contains(ETCDCTL) || !List.of(OURS, ETCDCTL).containsAll(methods)) {
            throw new IllegalArgumentException("methods: " + methods + " must be " + OURS + " and " + ETCDCTL);
        }
        if (!options.unknown().isEmpty()) {
            throw new IllegalArgumentException("unknown option(s): " + options.unknown());
        }
    }

    public static void main(String[] args) throws Exception {
        EtcdDefragBench bench;
        try {
            bench = new EtcdDefragBench(new BenchOptions(List.of(args), System.getenv()));
        } catch (IllegalArgumentException e) {
            System.err.println("etcd-defrag bench: " + e.getMessage());
            System.err.println("options (or BENCH_<NAME> environment variables): --rounds=3 --prefill-mib=100 --passes=2 "
                    + "--value-kib=16 --rate=50 --attempt-timeout-ms=500 --retries=3 --backoff-ms=20 --warmup-ms=2000 "
                    + "--settle-ms=2000 --etcd=etcd --etcdctl-binary=etcdctl --etcdctl-extra-args= --results-dir=bench/results "
                    + "--data-parent=<dir for the clusters' data, default the temp dir> --methods=kubemagic,etcdctl");
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> OPEN.forEach(LocalEtcdCluster::close), "bench-cleanup"));
        bench.run();
    }

    private void run() throws IOException {
        String started = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Files.createDirectories(resultsDir);
        Path output = resultsDir.resolve("etcd-defrag-" + started + ".json").toAbsolutePath();
        say("etcd defrag benchmark: " + rounds + " round(s); results go to " + output);
        say(String.format(Locale.ROOT, "prefill %d MiB per cluster (%d pass(es) over %d keys of %d KiB, then compact), "
                        + "load %d puts/s, attempt timeout %d ms, %d retries",
                prefillMiB, passes, keys(), valueKiB, rate, attemptTimeoutMillis, retries));

        List<Map<String, Object>> roundResults = new ArrayList<>();
        List<RunResult> all = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            List<String> order = new ArrayList<>(methods);
            if (round % 2 == 0) {
                Collections.reverse(order);
            }
            Map<String, RunResult> results = new LinkedHashMap<>();
            for (String method : order) {
                say("round " + round + "/" + rounds + ": " + method);
                results.put(method, runOnce(round, method));
            }
            all.addAll(results.values());
            printRound(round, order, results);
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("round", round);
            json.put("order", order);
            json.put("runs", results.values().stream().map(RunResult::json).toList());
            roundResults.add(json);
        }
        Map<String, Object> summary = printSummary(all);

        Map<String, Object> document = new LinkedHashMap<>();
        document.put("benchmark", "etcd-defrag");
        document.put("started", started);
        document.put("machine", machine());
        document.put("settings", settings());
        document.put("rounds", roundResults);
        document.put("summary", summary);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(output.toFile(), document);
        say("results written to " + output);
    }

    // ------------------------------------------------------------------ one run

    /** What one method did on one freshly prepared cluster. */
    record RunResult(String method, int round, long prepareMillis, long wallMillis, boolean succeeded, String failure,
                     WindowStats baseline, WindowStats during, List<Map<String, Object>> before,
                     List<Map<String, Object>> after, String leaderBefore, String leaderAfter,
                     List<String> events, List<Map<String, Object>> memberTimes, List<long[]> writes, int leftInFlight) {

        Map<String, Object> json() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("method", method);
            json.put("prepareMillis", prepareMillis);
            json.put("wallMillis", wallMillis);
            json.put("succeeded", succeeded);
            json.put("failure", failure);
            json.put("writesBeforeDefrag", baseline);
            json.put("writesDuringDefragAndSettle", during);
            json.put("membersBefore", before);
            json.put("membersAfter", after);
            json.put("leaderBefore", leaderBefore);
            json.put("leaderAfter", leaderAfter);
            json.put("memberTimes", memberTimes);
            json.put("events", events);
            json.put("writesLeftInFlight", leftInFlight);
            json.put("writeColumns", List.of("startMillisFromDefragStart", "latencyMillis", "ok(1/0)", "attempts"));
            json.put("writes", writes);
            return json;
        }
    }

    private RunResult runOnce(int round, String method) {
        long prepareStart = System.nanoTime();
        LocalEtcdCluster.Settings settings = LocalEtcdCluster.settings().size(3).binaries(etcdBinary, etcdctlBinary);
        if (dataParent != null) {
            try {
                Files.createDirectories(dataParent);
                settings.directory(Files.createTempDirectory(dataParent, "kubemagic-bench-etcd-"));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        LocalEtcdCluster cluster = settings.start();
        OPEN.add(cluster);
        try {
            EtcdTarget target = EtcdTarget.builder().endpoints(cluster.clientUrls()).build();
            prefill(cluster, target);
            long prepareMillis = millisSince(prepareStart);
            ClusterStatus before = status(target);
            say(String.format(Locale.ROOT, "  prepared in %.1f s: %s", prepareMillis / 1000.0, sizes(before)));
            return measure(round, method, cluster, target, before, prepareMillis);
        } finally {
            cluster.close();
            OPEN.remove(cluster);
        }
    }

    private int keys() {
        return Math.max(1, (int) ((long) prefillMiB * 1024 / valueKiB / passes));
    }

    /** Writes {@code passes} overwrites of the same keys, compacts everything away and waits until every member has. */
    private void prefill(LocalEtcdCluster cluster, EtcdTarget target) {
        int keys = keys();
        Random random = new Random(42);
        try (Client client = Client.builder().endpoints(cluster.clientUrls().toArray(URI[]::new)).build()) {
            KV kv = client.getKVClient();
            Semaphore window = new Semaphore(16);
            List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
            byte[] bytes = new byte[valueKiB * 1024];
            for (int pass = 0; pass < passes && errors.isEmpty(); pass++) {
                for (int k = 0; k < keys && errors.isEmpty(); k++) {
                    random.nextBytes(bytes);
                    acquire(window);
                    kv.put(ByteSequence.from(String.format("/bench/fill/%06d", k), StandardCharsets.UTF_8),
                                    ByteSequence.from(bytes))
                            .orTimeout(30, TimeUnit.SECONDS)
                            .whenComplete((r, e) -> {
                                if (e != null) {
                                    errors.add(e);
                                }
                                window.release();
                            });
                }
            }
            acquire(window, 16);
            if (!errors.isEmpty()) {
                throw new IllegalStateException("prefill failed: " + WriteLoad.describe(errors.get(0)));
            }
            long revision = kv.get(ByteSequence.from("/bench/fill/000000", StandardCharsets.UTF_8))
                    .orTimeout(30, TimeUnit.SECONDS).join().getHeader().getRevision();
            client.getKVClient().compact(revision, CompactOption.builder().withCompactPhysical(true).build())
                    .orTimeout(60, TimeUnit.SECONDS).join();
        }
        // Every member compacts on its own; wait until each one's in-use size has settled.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Map<String, Long> previous = Map.of();
        while (System.nanoTime() < deadline) {
            Map<String, Long> inUse = new LinkedHashMap<>();
            status(target).members().forEach(m -> inUse.put(m.endpoint(), m.dbSizeInUse()));
            if (inUse.equals(previous)) {
                return;
            }
            previous = inUse;
            sleep(500);
        }
    }

    private RunResult measure(int round, String method, LocalEtcdCluster cluster, EtcdTarget target, ClusterStatus before,
                              long prepareMillis) {
        try (Client client = Client.builder().endpoints(cluster.clientUrls().toArray(URI[]::new)).build()) {
            Map<Long, String> names = new LinkedHashMap<>();
            client.getClusterClient().listMember().orTimeout(10, TimeUnit.SECONDS).join().getMembers()
                    .forEach(m -> names.put(m.getId(), m.getName()));
            long maxSeconds = 600;
            WriteLoad load = new WriteLoad(client.getKVClient(), rate, attemptTimeoutMillis, retries, backoffMillis,
                    maxSeconds, 256, names);
            long loadStart = System.nanoTime();
            load.start();
            sleep(warmupMillis);

            List<String> events = Collections.synchronizedList(new ArrayList<>());
            List<Map<String, Object>> memberTimes = new ArrayList<>();
            long start = System.nanoTime();
            String failure;
            if (method.equals(OURS)) {
                failure = runOurs(target, start, events, memberTimes);
            } else {
                failure = runEtcdctl(cluster, start, events, memberTimes);
            }
            long end = System.nanoTime();
            sleep(settleMillis);
            List<WriteLoad.Write> writes = load.stop();
            int left = load.stillInFlight();

            ClusterStatus after = status(target);
            WindowStats baseline = WindowStats.of(writes, loadStart, start);
            WindowStats during = WindowStats.of(writes, start, end + TimeUnit.MILLISECONDS.toNanos(settleMillis));
            List<long[]> rows = writes.stream().map(w -> new long[] {
                    TimeUnit.NANOSECONDS.toMillis(w.startNanos() - start), w.latencyMillis(), w.ok() ? 1 : 0, w.attempts()})
                    .toList();
            writes.stream().filter(w -> !w.ok()).limit(5).forEach(w -> events.add(String.format(Locale.ROOT,
                    "failed write started at %+d ms: %s", TimeUnit.NANOSECONDS.toMillis(w.startNanos() - start), w.lastError())));
            return new RunResult(method, round, prepareMillis, TimeUnit.NANOSECONDS.toMillis(end - start), failure == null,
                    failure, baseline, during, members(before), members(after), leader(before), leader(after),
                    List.copyOf(events), memberTimes, rows, left);
        }
    }

    private String runOurs(EtcdTarget target, long start, List<String> events, List<Map<String, Object>> memberTimes) {
        // The engine's progress lines are kept (with their time) for the JSON, not printed.
        Console capture = line -> events.add(String.format(Locale.ROOT, "%+6d ms %s", millisSince(start), line));
        DefragRequest request = DefragRequest.builder(target)
                .rule(new DefragRule(80, 0, true))
                .compact(false)
                .verify(false)
                .build();
        DefragReport report = new DefragRunner(new OperationContext("bench", capture, null)).run(request);
        for (DefragReport.MemberOutcome outcome : report.members()) {
            Map<String, Object> time = new LinkedHashMap<>();
            time.put("member", outcome.name());
            time.put("state", outcome.state().name());
            time.put("millis", outcome.millis());
            time.put("leaderAtPlan", report.plan().stream().filter(p -> p.endpoint().equals(outcome.endpoint()))
                    .anyMatch(DefragReport.PlannedMember::leader));
            memberTimes.add(time);
        }
        return report.completed() ? null : report.failure();
    }

    private String runEtcdctl(LocalEtcdCluster cluster, long start, List<String> events, List<Map<String, Object>> memberTimes) {
        List<String> command = new ArrayList<>(List.of(etcdctlBinary, "--endpoints=" + cluster.endpoints()));
        command.addAll(etcdctlExtra);
        command.addAll(List.of("defrag", "--cluster"));
        events.add("command: ETCDCTL_API=3 " + String.join(" ", command));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("ETCDCTL_API", "3");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return "cannot run " + etcdctlBinary + ": " + e.getMessage();
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            CompletableFuture<Void> lines = CompletableFuture.runAsync(() -> reader.lines().forEach(line -> {
                events.add(String.format(Locale.ROOT, "%+6d ms %s", millisSince(start), line));
                // "Finished defragmenting etcd member[http://127.0.0.1:PORT]. took 1.23s" in etcdctl 3.4+; older ones have no "took".
                int took = line.indexOf("took ");
                if (line.startsWith("Finished defragmenting") && took > 0) {
                    Map<String, Object> time = new LinkedHashMap<>();
                    time.put("member", line.substring(line.indexOf('[') + 1, line.indexOf(']')));
                    time.put("took", line.substring(took + 5).trim());
                    memberTimes.add(time);
                }
            }));
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                ProcessTree.kill(process);
                return "etcdctl did not finish within 10 minutes";
            }
            lines.get(5, TimeUnit.SECONDS);
            return process.exitValue() == 0 ? null : "etcdctl exited with " + process.exitValue();
        } catch (InterruptedException e) {
            ProcessTree.kill(process);
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (Exception e) {
            return "etcdctl output: " + e;
        }
    }

    // ------------------------------------------------------------------ output

    private void printRound(int round, List<String> order, Map<String, RunResult> results) {
        System.out.println();
        System.out.println("Round " + round + " (" + String.join(" first, then ", order) + ")");
        System.out.println(String.format(Locale.ROOT, "  %-17s %8s %7s %7s %8s %8s %8s %8s  %s", "method", "wall s", "writes",
                "failed", "retried", "p50 ms", "p99 ms", "max ms", "db per member before -> after"));
        for (String method : methods) {
            RunResult r = results.get(method);
            WindowStats d = r.during();
            System.out.println(String.format(Locale.ROOT, "  %-17s %8.2f %7d %7d %8d %8d %8d %8d  %s%s", method,
                    r.wallMillis() / 1000.0, d.total(), d.failed(), d.retried(), d.medianLatencyMillis(), d.p99LatencyMillis(),
                    d.maxLatencyMillis(), sizeChange(r), r.succeeded() ? "" : "  FAILED: " + r.failure()));
        }
        RunResult ours = results.get(OURS);
        RunResult raw = results.get(ETCDCTL);
        System.out.println(String.format(Locale.ROOT, "  wall time ours/etcdctl: %.2f   (before the defrag, max write latency: "
                        + "%d ms / %d ms)", ratio(ours.wallMillis(), raw.wallMillis()), ours.baseline().maxLatencyMillis(),
                raw.baseline().maxLatencyMillis()));
        for (String method : methods) {
            RunResult r = results.get(method);
            System.out.println("  " + method + " answered by: " + r.during().servedBy() + ", member times: "
                    + r.memberTimes().stream().map(m -> m.values().toString()).toList());
        }
    }

    private Map<String, Object> printSummary(List<RunResult> all) {
        List<RunResult> ours = all.stream().filter(r -> r.method().equals(OURS)).toList();
        List<RunResult> raw = all.stream().filter(r -> r.method().equals(ETCDCTL)).toList();
        double oursWall = ours.stream().mapToLong(RunResult::wallMillis).average().orElse(0);
        double rawWall = raw.stream().mapToLong(RunResult::wallMillis).average().orElse(0);
        double wallRatio = ratio(oursWall, rawWall);
        List<Double> perRound = new ArrayList<>();
        for (int i = 0; i < Math.min(ours.size(), raw.size()); i++) {
            perRound.add(round2(ratio(ours.get(i).wallMillis(), raw.get(i).wallMillis())));
        }
        int oursFailed = ours.stream().mapToInt(r -> r.during().failed()).sum();
        int oursTotal = ours.stream().mapToInt(r -> r.during().total()).sum();
        int rawFailed = raw.stream().mapToInt(r -> r.during().failed()).sum();
        int rawTotal = raw.stream().mapToInt(r -> r.during().total()).sum();
        int oursRetried = ours.stream().mapToInt(r -> r.during().retried()).sum();
        int rawRetried = raw.stream().mapToInt(r -> r.during().retried()).sum();
        long oursMax = ours.stream().mapToLong(r -> r.during().maxLatencyMillis()).max().orElse(0);
        long rawMax = raw.stream().mapToLong(r -> r.during().maxLatencyMillis()).max().orElse(0);
        boolean allSucceeded = all.stream().allMatch(RunResult::succeeded);
        boolean wallGoal = wallRatio <= 1.5;
        boolean writeGoal = oursFailed == 0;
        Map<String, Object> summary = new LinkedHashMap<>();

        System.out.println();
        System.out.println("Summary over " + ours.size() + " round(s): kubemagic DefragRunner vs etcdctl defrag --cluster");
        System.out.println(String.format(Locale.ROOT, "  %-26s %14s %14s %9s  %s", "", OURS, ETCDCTL, "ratio", "goal"));
        System.out.println(String.format(Locale.ROOT, "  %-26s %14.2f %14.2f %9.2f  %s", "wall time, mean s",
                oursWall / 1000.0, rawWall / 1000.0, wallRatio, "<= 1.50 " + (wallGoal ? "MET" : "MISSED")));
        System.out.println(String.format(Locale.ROOT, "  %-26s %14s %14s %9s  %s", "failed writes / writes",
                oursFailed + "/" + oursTotal, rawFailed + "/" + rawTotal, "", "ours == 0 " + (writeGoal ? "MET" : "MISSED")));
        System.out.println(String.format(Locale.ROOT, "  %-26s %14d %14d %9s", "writes needing a retry", oursRetried, rawRetried, ""));
        System.out.println(String.format(Locale.ROOT, "  %-26s %14d %14d %9.2f", "max write latency ms", oursMax, rawMax,
                ratio(oursMax, rawMax)));
        System.out.println("  wall time ratio per round: " + perRound);
        if (!allSucceeded) {
            System.out.println("  WARNING: some runs did not complete; see the per-round tables");
        }

        summary.put("rounds", ours.size());
        summary.put("wallMillisMean", byMethod(Math.round(oursWall), Math.round(rawWall)));
        summary.put("wallRatioOursToEtcdctl", round2(wallRatio));
        summary.put("wallRatioPerRound", perRound);
        summary.put("wallGoal", "<= 1.5");
        summary.put("wallGoalMet", wallGoal);
        summary.put("failedWrites", byMethod(oursFailed, rawFailed));
        summary.put("totalWrites", byMethod(oursTotal, rawTotal));
        summary.put("retriedWrites", byMethod(oursRetried, rawRetried));
        summary.put("failedWritesGoal", "ours == 0");
        summary.put("failedWritesGoalMet", writeGoal);
        summary.put("maxLatencyMillis", byMethod(oursMax, rawMax));
        summary.put("allRunsCompleted", allSucceeded);
        return summary;
    }

    private Map<String, Object> machine() {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        machine.put("etcd", firstLine(etcdBinary, "--version"));
        machine.put("etcdctl", firstLine(etcdctlBinary, "version"));
        return machine;
    }

    private Map<String, Object> settings() {
        Map<String, Object> settings = new LinkedHashMap<>(new java.util.TreeMap<>(options.used()));
        settings.put("keys", keys());
        settings.put("valueBytesOfLoadWrites", 256);
        settings.put("ourRequest", "DefragRule(80, 0, force=true), compact=false, verify=false, other options default");
        return settings;
    }

    // ------------------------------------------------------------------ helpers

    private static ClusterStatus status(EtcdTarget target) {
        return new EtcdMaintenance(new OperationContext("bench", Console.silent(), null)).status(target, QuotaBytes.ETCD_DEFAULT);
    }

    private static List<Map<String, Object>> members(ClusterStatus status) {
        return status.members().stream().map(m -> {
            Map<String, Object> member = new LinkedHashMap<>();
            member.put("name", m.name());
            member.put("endpoint", m.endpoint());
            member.put("leader", m.leader());
            member.put("dbSize", m.dbSize());
            member.put("dbSizeInUse", m.dbSizeInUse());
            member.put("error", m.error());
            return member;
        }).toList();
    }

    private static String leader(ClusterStatus status) {
        return status.leader().map(m -> m.name() == null ? m.endpoint() : m.name()).orElse("none");
    }

    private static String sizes(ClusterStatus status) {
        return status.members().stream().map(m -> (m.name() == null ? m.endpoint() : m.name()) + (m.leader() ? "*" : "")
                + " " + QuotaBytes.human(m.dbSize()) + " (in use " + QuotaBytes.human(m.dbSizeInUse()) + ")").toList().toString();
    }

    private static String sizeChange(RunResult r) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < r.before().size(); i++) {
            Object before = r.before().get(i).get("dbSize");
            Object after = i < r.after().size() ? r.after().get(i).get("dbSize") : -1L;
            parts.add(mib((Long) before) + "->" + mib((Long) after));
        }
        return String.join(" ", parts) + " MiB";
    }

    private static String mib(long bytes) {
        return bytes < 0 ? "?" : String.valueOf(Math.round(bytes / 1048576.0));
    }

    private static Map<String, Object> byMethod(Object ours, Object etcdctl) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(OURS, ours);
        map.put(ETCDCTL, etcdctl);
        return map;
    }

    static double ratio(double ours, double theirs) {
        return theirs <= 0 ? Double.NaN : ours / theirs;
    }

    private static double round2(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private static String firstLine(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(10, TimeUnit.SECONDS);
            return out.lines().findFirst().orElse("");
        } catch (IOException e) {
            return "unknown: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    private static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    private static void acquire(Semaphore semaphore) {
        acquire(semaphore, 1);
    }

    private static void acquire(Semaphore semaphore, int permits) {
        try {
            if (!semaphore.tryAcquire(permits, 60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("prefill writes did not finish within 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void say(String text) {
        System.out.println("[bench] " + text);
        System.out.flush();
    }
}
