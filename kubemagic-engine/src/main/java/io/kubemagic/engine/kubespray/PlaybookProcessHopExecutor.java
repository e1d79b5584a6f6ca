package io.kubemagic.engine.kubespray;

import io.kubemagic.engine.KubeMagicException;
import io.kubemagic.engine.OperationContext;
import io.kubemagic.engine.console.Console;
import io.kubemagic.engine.json.Json;
import io.kubemagic.engine.process.ProcessResult;
import io.kubemagic.engine.process.ProcessRunner;
import io.kubemagic.engine.process.ProcessSpec;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@code ansible-playbook -i <inventory> upgrade-cluster.yml -e @vars.json} in the hop's
 * worktree through the engine's {@link ProcessRunner} (masked output, timeout, process-tree kill),
 * teeing every line into the hop's log file, and reads the failed nodes from the output.
 */
public final class PlaybookProcessHopExecutor implements HopExecutor {
    private static final Pattern FATAL = Pattern.compile("^(?:fatal|failed): \\[([^\\]]+)\\]");
    private static final Pattern RECAP = Pattern.compile("^(\\S+)\\s+:\\s+ok=\\d+.*?unreachable=(\\d+)\\s+failed=(\\d+)");

    private final String ansiblePlaybook;
    private final List<String> extraArguments;

    public PlaybookProcessHopExecutor(String ansiblePlaybook, List<String> extraArguments) {
        this.ansiblePlaybook = ansiblePlaybook == null || ansiblePlaybook.isBlank() ? "ansible-playbook" : ansiblePlaybook;
        this.extraArguments = List.copyOf(extraArguments);
    }

    @Override
    public HopResult execute(HopRun run, OperationContext context) throws InterruptedException {
        Path varsFile = run.logFile().resolveSibling(run.logFile().getFileName() + ".vars.json");
        try {
            Files.writeString(varsFile, Json.write(run.extraVars()), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new KubeMagicException("cannot write " + varsFile + ": " + e.getMessage(), e);
        }
        List<String> command = new ArrayList<>(List.of(ansiblePlaybook, "-i", run.inventory().toString(),
                run.playbook().toString(), "-e", "@" + varsFile));
        command.addAll(extraArguments);
        ProcessSpec spec = ProcessSpec.builder(command).workingDirectory(run.worktree()).timeout(run.timeout())
                .env("ANSIBLE_FORCE_COLOR", "0").env("ANSIBLE_NOCOLOR", "1").build();
        try (BufferedWriter log = Files.newBufferedWriter(run.logFile(), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            Console tee = tee(context.console(), log, run);
            tee.line("# kubemagic: " + String.join(" ", command) + "  (in " + run.worktree() + ")");
            ProcessResult result = new ProcessRunner(context.masker()).run(spec, tee);
            if (result.succeeded()) {
                return HopResult.success();
            }
            List<String> failed = failedHosts(result.output());
            return HopResult.failure(result.exitCode(), failed, result.timedOut()
                    ? "upgrade-cluster.yml did not finish within " + run.timeout()
                    : "upgrade-cluster.yml ended with exit code " + result.exitCode()
                    + (failed.isEmpty() ? "" : " (failed on " + String.join(", ", failed) + ")"));
        } catch (IOException e) {
            throw new KubeMagicException("cannot write the hop log " + run.logFile() + ": " + e.getMessage(), e);
        }
    }

    /** Every line to the build's console and to the hop's log file. */
    static Console tee(Console console, BufferedWriter log, HopRun run) {
        return text -> {
            console.line(text);
            try {
                log.write(text);
                log.newLine();
                log.flush();
            } catch (IOException e) {
                throw new KubeMagicException("cannot write the hop log " + run.logFile() + ": " + e.getMessage(), e);
            }
        };
    }

    /** The nodes a run failed on: from "fatal: [node]" lines, else from the PLAY RECAP. */
    static List<String> failedHosts(List<String> output) {
        Set<String> hosts = new LinkedHashSet<>();
        for (String line : output) {
            Matcher fatal = FATAL.matcher(line.trim());
            if (fatal.find() && !line.contains("...ignoring")) {
                hosts.add(fatal.group(1).split(" ")[0]);
            }
        }
        for (String line : output) {
            Matcher recap = RECAP.matcher(line.trim());
            if (recap.find() && (Integer.parseInt(recap.group(2)) > 0 || Integer.parseInt(recap.group(3)) > 0)) {
                hosts.add(recap.group(1));
            }
        }
        return List.copyOf(hosts);
    }
}
