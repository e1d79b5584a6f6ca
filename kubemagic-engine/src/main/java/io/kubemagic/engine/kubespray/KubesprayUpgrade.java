package io.kubemagic.engine.kubespray;

import io.kubemagic.engine.InvalidInputException;
import io.kubemagic.engine.KubeMagicException;
import io.kubemagic.engine.OperationContext;
import io.kubemagic.engine.audit.AuditRecord;
import io.kubemagic.engine.console.Console;
import io.kubemagic.engine.json.Json;
import io.kubemagic.engine.kube.KubeApi;
import io.kubemagic.engine.kube.Preflight;
import io.kubemagic.engine.kube.PreflightReport;
import io.kubemagic.engine.kubespray.HopExecutor.HopResult;
import io.kubemagic.engine.kubespray.HopExecutor.HopRun;
import io.kubemagic.engine.kubespray.ProgressState.HopRecord;
import io.kubemagic.engine.kubespray.ProgressState.HopState;
import io.kubemagic.engine.kubespray.UpgradeReport.HopOutcome;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The Kubespray upgrade as a plan a person approves and a run that resumes where it stopped.
 * {@link #plan} reads the catalog, the cluster (version, pre-flight) and the progress file, plans
 * the hops and reviews the inventory for each; {@link #run} then, hop by hop, exports the tag into
 * a worktree it manages, runs {@code upgrade-cluster.yml} with the hop's {@code kube_version} and
 * drain options, writes a log per hop, records progress after every step and checks the nodes.
 */
public final class KubesprayUpgrade {
    public static final String PLAN_TEXT = "plan.txt";
    public static final String PLAN_JSON = "plan.json";

    private final OperationContext context;

    public KubesprayUpgrade(OperationContext context) {
        this.context = context;
    }

    public UpgradePlan plan(UpgradeRequest request) {
        request.registerSecrets(context.masker());
        var audit = context.audit().begin(context.who(), "kubespray.plan", request.describeTarget(), request.describe());
        try {
            UpgradePlan plan = planAndSave(request);
            audit.finish(AuditRecord.Outcome.DRY_RUN, plan.refusals().isEmpty() ? plan.hops().size() + " hop(s)"
                    : "refused: " + String.join("; ", plan.refusals()));
            return plan;
        } catch (RuntimeException e) {
            audit.finish(AuditRecord.Outcome.FAILURE, e.getMessage());
            throw e;
        }
    }

    private UpgradePlan planAndSave(UpgradeRequest request) {
        Console console = context.console();
        ProgressState state = ProgressState.load(request.stateDir());
        UpgradePlan plan;
        try (ReleaseCatalog catalog = ReleaseCatalog.open(request.kubesprayDir())) {
            console.progress("catalog: " + catalog.releases().size() + " release tag(s) in " + request.kubesprayDir());
            String ref = state.lastDone().map(HopRecord::tag).orElse(request.kubesprayRef());
            Position position = catalog.position(ref);
            PreflightReport preflight = null;
            Version current = request.currentKubeVersion();
            String source = "given";
            if (request.kube() != null) {
                try (KubeApi api = KubeApi.connect(request.kube())) {
                    if (request.preflight()) {
                        preflight = new Preflight(context).run(api, request.etcd());
                    }
                    if (current == null) {
                        current = api.serverVersion();
                        source = "API server " + api.server();
                    }
                }
            }
            Version lastDone = state.lastDone().map(h -> Version.parse("progress", h.kubeVersion())).orElse(null);
            if (lastDone != null && (current == null || lastDone.isAfter(current))) {
                current = lastDone;
                source = "progress file, after hop " + state.lastDone().get().tag();
            }
            if (current == null) {
                throw new InvalidInputException("currentKubeVersion", "the Kubernetes version in use is unknown: give a kubeconfig "
                        + "(it is read from the API server) or currentKubeVersion (kubectl version)");
            }
            String targetTag = request.targetTag() != null ? request.targetTag()
                    : request.targetKubeVersion() == null ? state.targetTag : null;
            plan = new UpgradePlanner(catalog).plan(position, current, source, targetTag, request.targetKubeVersion())
                    .withCompletedHops(state.doneTags());
            if (preflight != null) {
                plan = plan.withPreflight(preflight);
            }
            if (!plan.hops().isEmpty() && request.inventory() != null) {
                plan = plan.withReviews(reviews(catalog, plan, request.inventory()));
            }
        }
        List<String> text = PlanText.lines(plan);
        text.forEach(console::line);
        save(request.stateDir(), PLAN_TEXT, String.join("\n", text) + "\n");
        save(request.stateDir(), PLAN_JSON, Json.writePretty(plan));
        return plan;
    }

    private static List<HopReview> reviews(ReleaseCatalog catalog, UpgradePlan plan, Path inventoryPath) {
        Path inventory = Files.isRegularFile(inventoryPath) ? inventoryPath.toAbsolutePath().getParent() : inventoryPath;
        if (!Files.isDirectory(inventory)) {
            throw new InvalidInputException("inventory", inventory + " is not a directory; give your inventory folder "
                    + "(the one with hosts.yaml or inventory.ini and group_vars/)");
        }
        InventoryReview review = new InventoryReview(inventory);
        List<HopReview> reviews = new ArrayList<>();
        String fromRef = plan.position().commit();
        String fromLabel = plan.position().tagged() ? plan.position().tag() : plan.position().commit().substring(0, 12);
        for (Hop hop : plan.hops()) {
            if (hop.tag().equals(fromLabel)) {
                continue;
            }
            KubesprayRelease release = catalog.release(hop.tag()).orElseThrow();
            reviews.add(review.review(catalog.tree(fromRef), fromLabel, catalog.tree(release.commit()), release));
            fromRef = release.commit();
            fromLabel = hop.tag();
        }
        return reviews;
    }

    public UpgradeReport run(UpgradeRequest request, HopExecutor executor) {
        request.registerSecrets(context.masker());
        if (request.inventory() == null) {
            throw new InvalidInputException("inventory", "no inventory given; the upgrade playbook runs against your inventory "
                    + "(the folder with hosts.yaml or inventory.ini)");
        }
        var audit = context.audit().begin(context.who(), "kubespray.upgrade", request.describeTarget(), request.describe());
        Path stateFile = request.stateDir().resolve(ProgressState.FILE);
        UpgradePlan plan = null;
        List<HopOutcome> outcomes = new ArrayList<>();
        String failure = null;
        String hint = null;
        int remaining = 0;
        try {
            plan = planAndSave(request);
            if (!plan.refusals().isEmpty()) {
                failure = "refused: " + String.join("; ", plan.refusals());
                hint = "nothing was changed; change the target or the kubesprayRef";
            } else if (plan.preflight() != null && !plan.preflight().blocking().isEmpty() && !request.ignorePreflight()) {
                failure = "pre-flight found " + plan.preflight().blocking().size() + " blocking problem(s): "
                        + String.join("; ", plan.preflight().blocking().stream().map(f -> f.line()).toList());
                hint = "nothing was changed; fix them and run again (or set ignorePreflight if you accept the risk)";
            } else {
                ProgressState state = ProgressState.load(request.stateDir());
                state.kubesprayDir = request.kubesprayDir().toString();
                state.targetTag = plan.targetTag();
                state.targetKubeVersion = plan.targetKubeVersion();
                int limit = request.maxHops() == 0 ? plan.hops().size() : Math.min(request.maxHops(), plan.hops().size());
                for (int i = 0; i < limit; i++) {
                    HopOutcome outcome = runHop(request, executor, state, plan.hops().get(i));
                    outcomes.add(outcome);
                    if (outcome.state() != UpgradeReport.State.DONE) {
                        failure = "hop " + outcome.number() + " (" + outcome.tag() + ", Kubernetes " + outcome.kubeVersion()
                                + ") failed: " + outcome.message();
                        hint = "see " + outcome.logFile() + (outcome.failedNodes().isEmpty() ? ""
                                : "; it stopped on " + String.join(", ", outcome.failedNodes()))
                                + ". Fix the cause (a PodDisruptionBudget blocking a drain: kubemagic kube preflight), then run "
                                + "again: it resumes at hop " + outcome.number() + " (" + outcome.tag() + "), " + state.doneTags().size()
                                + " hop(s) stay done (" + stateFile + ")";
                        break;
                    }
                }
                remaining = plan.hops().size() - (int) outcomes.stream().filter(o -> o.state() == UpgradeReport.State.DONE).count();
                if (failure == null && remaining > 0) {
                    context.console().progress(remaining + " hop(s) left; run again to continue (after approving the next hop)");
                }
            }
        } catch (KubeMagicException e) {
            failure = e.getMessage();
            hint = "see " + stateFile + " for the hops done; a re-run resumes from there";
        }
        boolean completed = failure == null && remaining == 0;
        AuditRecord record = audit.finish(failure == null ? AuditRecord.Outcome.SUCCESS
                : Thread.currentThread().isInterrupted() ? AuditRecord.Outcome.ABORTED : AuditRecord.Outcome.FAILURE,
                failure == null ? outcomes.size() + " hop(s) done, " + remaining + " left" : failure);
        if (failure != null) {
            context.console().warn(failure);
            if (hint != null) {
                context.console().progress(hint);
            }
        }
        return new UpgradeReport(plan, List.copyOf(outcomes), completed, remaining, failure, hint, stateFile.toString(), record);
    }

    private HopOutcome runHop(UpgradeRequest request, HopExecutor executor, ProgressState state, Hop hop) {
        Instant start = Instant.now();
        Path stateDir = request.stateDir();
        Path log = stateDir.resolve("logs").resolve(String.format("hop-%02d-%s-%s.log", hop.number(), hop.tag(), hop.kubeVersion()));
        context.console().progress("hop " + hop.number() + ": " + hop.fromRef() + " -> " + hop.tag() + ", Kubernetes "
                + hop.fromKubeVersion() + " -> " + hop.kubeVersion() + " (log: " + log + ")");
        state.record(new HopRecord(hop.number(), hop.tag(), hop.kubeVersion(), HopState.RUNNING, start, null, log.toString(), List.of(), null));
        state.save(stateDir);
        HopResult result;
        List<String> checks = List.of();
        try {
            Files.createDirectories(log.getParent());
            Path worktree = worktree(request, hop);
            if (hop.playbook() == null) {
                throw new KubeMagicException(hop.tag() + " has neither upgrade-cluster.yml nor playbooks/upgrade_cluster.yml");
            }
            Map<String, String> vars = new LinkedHashMap<>();
            vars.put("kube_version", hop.kubeVersionValue());
            vars.put("drain_grace_period", String.valueOf(request.drainGracePeriodSeconds()));
            vars.put("drain_timeout", request.drainTimeoutSeconds() + "s");
            result = executor.execute(new HopRun(hop, worktree, worktree.resolve(hop.playbook()),
                    request.inventory().toAbsolutePath(), vars, log, request.hopTimeout()), context);
            if (result.succeeded() && request.kube() != null) {
                checks = postHopChecks(request, hop);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result = HopResult.failure(-1, List.of(), "interrupted (aborted)");
        } catch (IOException e) {
            result = HopResult.failure(-1, List.of(), "cannot create " + log.getParent() + ": " + e.getMessage());
        } catch (KubeMagicException e) {
            result = HopResult.failure(-1, List.of(), e.getMessage());
        }
        HopState hopState = result.succeeded() ? HopState.DONE : HopState.FAILED;
        state.record(new HopRecord(hop.number(), hop.tag(), hop.kubeVersion(), hopState, start, Instant.now(), log.toString(),
                result.failedHosts(), result.message()));
        state.save(stateDir);
        checks.forEach(context.console()::warn);
        return new HopOutcome(hop.number(), hop.tag(), hop.kubeVersion(), result.succeeded() ? UpgradeReport.State.DONE
                : UpgradeReport.State.FAILED, log.toString(), result.failedHosts(), checks, result.message(),
                Duration.between(start, Instant.now()).toMillis());
    }

    /** {@code <stateDir>/worktrees/<tag>}: the tag's files, exported once and reused on a resume. */
    private Path worktree(UpgradeRequest request, Hop hop) throws IOException {
        Path worktree = request.stateDir().resolve("worktrees").resolve(hop.tag());
        Path marker = worktree.resolve(".kubemagic-commit");
        if (Files.isRegularFile(marker) && Files.readString(marker).trim().equals(hop.commit())) {
            return worktree;
        }
        if (Files.exists(worktree)) {
            try (Stream<Path> files = Files.walk(worktree)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
        try (ReleaseCatalog catalog = ReleaseCatalog.open(request.kubesprayDir())) {
            context.console().progress("exporting " + hop.tag() + " (" + hop.commit().substring(0, 12) + ") to " + worktree);
            catalog.tree(hop.commit()).export(worktree);
        }
        Files.writeString(marker, hop.commit() + "\n", StandardCharsets.UTF_8);
        return worktree;
    }

    /** After a hop: every node Ready and on the hop's kubelet version. Findings are warnings, the hop stays done. */
    private List<String> postHopChecks(UpgradeRequest request, Hop hop) {
        List<String> problems = new ArrayList<>();
        try (KubeApi api = KubeApi.connect(request.kube())) {
            PreflightReport report = new Preflight(context).run(api, null);
            for (PreflightReport.NodeInfo node : report.nodes()) {
                if (!node.ready()) {
                    problems.add("after hop " + hop.number() + ": node " + node.name() + " is not Ready");
                }
                if (node.kubeletVersion() != null && !Version.tryParse(node.kubeletVersion()).map(v -> v.toString()
                        .equals(hop.kubeVersion())).orElse(false)) {
                    problems.add("after hop " + hop.number() + ": node " + node.name() + " runs kubelet " + node.kubeletVersion()
                            + ", not " + hop.kubeVersion());
                }
            }
        } catch (KubeMagicException e) {
            problems.add("after hop " + hop.number() + ": the post-hop check could not read the cluster: " + e.getMessage());
        }
        return problems;
    }

    private static void save(Path stateDir, String name, String content) {
        try {
            Files.createDirectories(stateDir);
            Files.writeString(stateDir.resolve(name), content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new KubeMagicException("cannot write " + stateDir.resolve(name) + ": " + e.getMessage()
                    + "; check the state folder (stateDir)", e);
        }
    }
}
