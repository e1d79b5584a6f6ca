package io.kubemagic.engine.kubespray;

import io.kubemagic.engine.KubeMagicException;
import io.kubemagic.engine.OperationContext;
import io.kubemagic.engine.ansible.AnsibleOptions;
import io.kubemagic.engine.ansible.AnsibleRunner;
import io.kubemagic.engine.ansible.PlaybookInvocation;
import io.kubemagic.engine.ansible.PlaybookReport;
import io.kubemagic.engine.console.Console;
import io.kubemagic.engine.inventory.KubesprayGroups;
import io.kubemagic.engine.inventory.LintRules;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Runs a hop's {@code upgrade-cluster.yml} through the engine's {@link AnsibleRunner} (the runner of the
 * playbook steps: inventory lint, SSH key and extra vars only in 0600 files, per-host recap, process-tree
 * kill on timeout or abort), from the hop's worktree, with the hop's variables; every line also goes
 * to the hop's log file. The failed and unreachable hosts of the recap are the hop's failed nodes.
 */
public final class AnsibleRunnerHopExecutor implements HopExecutor {
    private final AnsibleOptions options;

    /** {@code options}: what every hop runs with (SSH access, become, vault password, the command): {@link UpgradeRequest#ansible()}. */
    public AnsibleRunnerHopExecutor(AnsibleOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    @Override
    public HopResult execute(HopRun run, OperationContext context) throws InterruptedException {
        try (BufferedWriter log = Files.newBufferedWriter(run.logFile(), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            Console tee = PlaybookProcessHopExecutor.tee(context.console(), log, run);
            OperationContext hopContext = new OperationContext(context.who(), tee, null);
            hopContext.masker().addAll(context.masker());
            AnsibleOptions hopOptions = options.toBuilder().extraVars(run.extraVars()).timeout(run.timeout())
                    .failOnLintErrors(false).build();
            KubesprayGroups groups = run.worktree().resolve("inventory/sample/group_vars/k8s-cluster").toFile().isDirectory()
                    ? KubesprayGroups.LEGACY : KubesprayGroups.CURRENT;
            PlaybookReport report = new AnsibleRunner(hopContext).run(new PlaybookInvocation("kubespray.upgrade-cluster",
                    run.worktree(), run.inventory(), List.of(run.playbook()), LintRules.kubespray(groups), hopOptions,
                    Map.of("hop", run.hop().label())));
            if (Thread.currentThread().isInterrupted() || report.outcome() == PlaybookReport.Outcome.ABORTED) {
                throw new InterruptedException("hop " + run.hop().number() + " aborted");
            }
            if (report.succeeded()) {
                return HopResult.success();
            }
            Set<String> failed = new LinkedHashSet<>(report.failedHosts());
            failed.addAll(report.unreachableHosts());
            return HopResult.failure(report.exitCode(), new ArrayList<>(failed), report.outcome() + ": "
                    + (report.message() == null ? "upgrade-cluster.yml failed" : report.message()));
        } catch (IOException e) {
            throw new KubeMagicException("cannot write the hop log " + run.logFile() + ": " + e.getMessage(), e);
        }
    }
}
