package io.kubemagic.engine.ansible;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubemagic.engine.InvalidInputException;
import io.kubemagic.engine.KubeMagicException;
import io.kubemagic.engine.OperationContext;
import io.kubemagic.engine.ansible.PlaybookReport.Outcome;
import io.kubemagic.engine.audit.AuditRecord;
import io.kubemagic.engine.audit.AuditTrail;
import io.kubemagic.engine.console.Console;
import io.kubemagic.engine.console.SecretValue;
import io.kubemagic.engine.inventory.Inventory;
import io.kubemagic.engine.inventory.InventoryLinter;
import io.kubemagic.engine.inventory.InventoryLoader;
import io.kubemagic.engine.inventory.LintFinding;
import io.kubemagic.engine.json.Json;
import io.kubemagic.engine.process.ProcessResult;
import io.kubemagic.engine.process.ProcessRunner;
import io.kubemagic.engine.process.ProcessSpec;
import io.kubemagic.engine.process.SecretFiles;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs ansible-playbook the way an operator would from the checkout, with what an operator would
 * not do by hand: the inventory linted first, the SSH key, passphrase, vault password and extra vars
 * only in 0600 files or the environment (never in arguments), host keys checked unless explicitly
 * turned off, the output streamed and masked, a per-host result from a stats callback (so exit code
 * 4 tells an unreachable host from a parse error), every process it started stopped on abort or
 * time-out, and one audit record.
 */
public final class AnsibleRunner {
    static final String CALLBACK = "kubemagic_stats";
    static final String PASSPHRASE_VARIABLE = "KUBEMAGIC_SSH_PASSPHRASE";

    private final OperationContext context;

    public AnsibleRunner(OperationContext context) {
        this.context = context;
    }

    /** Loads and lints the inventory only; nothing runs. */
    public List<LintFinding> lint(Path inventory, List<Path> moreVarsDirectories, io.kubemagic.engine.inventory.LintRules rules) {
        try {
            Inventory loaded = InventoryLoader.load(inventory, moreVarsDirectories);
            return InventoryLinter.lint(loaded, rules);
        } catch (KubeMagicException e) {
            return List.of(new LintFinding(LintFinding.Severity.ERROR, "inventory-unreadable", "inventory " + inventory, null,
                    e instanceof io.kubemagic.engine.inventory.SafeYaml.YamlSyntaxException y ? y.file() : inventory.toString(),
                    e.getMessage(), "fix the file so ansible-inventory --list reads it"));
        }
    }

    public PlaybookReport run(PlaybookInvocation invocation) {
        AnsibleOptions options = invocation.options();
        options.registerSecrets(context.masker());
        Console console = context.console();
        AuditTrail.Entry audit = context.audit().begin(context.who(), invocation.operation(), invocation.describeTarget(),
                options.describe());
        Run run = new Run(invocation, console);
        try {
            run.execute();
        } catch (InvalidInputException e) {
            run.end(Outcome.FAILED, e.getMessage());
        } catch (KubeMagicException e) {
            run.end(Outcome.FAILED, e.getMessage());
        }
        run.printSummary();
        AuditRecord.Outcome auditOutcome = switch (run.outcome) {
            case SUCCESS -> options.check() ? AuditRecord.Outcome.DRY_RUN : AuditRecord.Outcome.SUCCESS;
            case ABORTED -> AuditRecord.Outcome.ABORTED;
            default -> AuditRecord.Outcome.FAILURE;
        };
        AuditRecord record = audit.finish(auditOutcome, run.message);
        return run.report(record);
    }

    private final class Run {
        private final PlaybookInvocation invocation;
        private final AnsibleOptions options;
        private final Console console;
        private final Instant start = Instant.now();
        private final Map<String, HostResult> hosts = new LinkedHashMap<>();
        private final List<TaskProblem> problems = new ArrayList<>();
        private final List<String> commands = new ArrayList<>();
        private List<LintFinding> lint = List.of();
        private Outcome outcome = Outcome.SUCCESS;
        private int exitCode = -1;
        private String message;

        Run(PlaybookInvocation invocation, Console console) {
            this.invocation = invocation;
            this.options = invocation.options();
            this.console = console;
        }

        void end(Outcome newOutcome, String why) {
            this.outcome = newOutcome;
            this.message = why;
        }

        void execute() {
            for (Path playbook : invocation.playbooks()) {
                if (!Files.isRegularFile(playbook)) {
                    Path sample = playbook.resolveSibling(playbook.getFileName() + ".sample");
                    throw new InvalidInputException("playbook", playbook + " does not exist"
                            + (Files.isRegularFile(sample) ? "; the checkout ships " + sample.getFileName() + ": copy it to "
                            + playbook.getFileName() + " (cp " + sample.getFileName() + " " + playbook.getFileName() + ")"
                            : "; check the checkout and the site layout"));
                }
            }
            if (invocation.lintRules() != null) {
                List<Path> varsDirectories = invocation.playbooks().stream().map(p -> p.toAbsolutePath().getParent()).distinct().toList();
                lint = AnsibleRunner.this.lint(invocation.inventory(), varsDirectories, invocation.lintRules());
                printLint(console, lint);
                long errors = lint.stream().filter(LintFinding::isError).count();
                if (errors > 0 && options.failOnLintErrors()) {
                    end(Outcome.LINT_FAILED, "the inventory lint found " + InventoryLinter.summary(lint) + "; nothing was run. "
                            + "Fix the findings above (or set failOnLintErrors to false to run anyway).");
                    return;
                }
            }
            if (options.ssh().hostKeyPolicy() == SshAccess.HostKeyPolicy.NOT_CHECKED) {
                console.warn("SSH host keys are NOT checked (hostKeyChecking: false): a host that impersonates another "
                        + "receives the playbook and its variables. Give known_hosts content to check them.");
            }
            try (RunDirectory directory = new RunDirectory()) {
                Path controlDirectory = directory.directory("cp");
                try (SecretFiles secrets = new SecretFiles(directory.path())) {
                    Prepared prepared = prepare(directory, secrets, controlDirectory);
                    for (Path playbook : invocation.playbooks()) {
                        if (!runPlaybook(prepared, playbook)) {
                            break;
                        }
                    }
                } finally {
                    boolean interrupted = Thread.interrupted();
                    ControlMasters.close(controlDirectory);
                    if (interrupted) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        }

        /** The arguments and environment every playbook of the run shares. */
        private record Prepared(List<String> arguments, Map<String, String> environment, Map<String, SecretValue> secretEnvironment,
                                Path statsFile) {
        }

        private Prepared prepare(RunDirectory directory, SecretFiles secrets, Path controlDirectory) {
            List<String> args = new ArrayList<>();
            Map<String, String> env = new LinkedHashMap<>();
            Map<String, SecretValue> secretEnv = new LinkedHashMap<>();
            args.add("-i");
            args.add(invocation.inventory().toString());
            if (options.limit() != null) {
                args.add("--limit");
                args.add(options.limit());
            }
            if (options.tags() != null) {
                args.add("--tags");
                args.add(options.tags());
            }
            if (options.skipTags() != null) {
                args.add("--skip-tags");
                args.add(options.skipTags());
            }
            if (!options.extraVars().isEmpty() || !options.secretExtraVars().isEmpty()) {
                Map<String, Object> all = new LinkedHashMap<>(options.extraVars());
                all.putAll(options.secretExtraVars());
                args.add("--extra-vars");
                args.add("@" + secrets.write(Json.write(all).getBytes(StandardCharsets.UTF_8)));
            }
            if (options.become()) {
                args.add("--become");
            }
            if (options.becomeUser() != null) {
                args.add("--become-user");
                args.add(options.becomeUser());
            }
            if (options.forks() > 0) {
                args.add("--forks");
                args.add(Integer.toString(options.forks()));
            }
            if (options.check()) {
                args.add("--check");
            }
            if (options.diff()) {
                args.add("--diff");
            }
            if (options.verbosity() > 0) {
                args.add("-" + "v".repeat(options.verbosity()));
            }
            if (options.vaultPassword() != null) {
                args.add("--vault-password-file");
                args.add(secrets.write(options.vaultPassword()).toString());
            }
            SshAccess ssh = options.ssh();
            if (ssh.user() != null) {
                args.add("--user");
                args.add(ssh.user());
            }
            StringBuilder sshArgs = new StringBuilder("-C -o ControlMaster=auto -o ControlPersist=60s");
            if (ssh.privateKey() != null) {
                String key = ssh.privateKey().reveal();
                args.add("--private-key");
                args.add(secrets.write(SecretValue.of(key.endsWith("\n") ? key : key + "\n")).toString());
                // Only this key, and never a password prompt: askpass would answer it with the passphrase.
                sshArgs.append(" -o IdentitiesOnly=yes -o PasswordAuthentication=no -o KbdInteractiveAuthentication=no");
            }
            if (ssh.passphrase() != null) {
                Path askpass = directory.write("askpass.sh", "#!/bin/sh\nprintf '%s\\n' \"$" + PASSPHRASE_VARIABLE + "\"\n", "rwx------");
                env.put("SSH_ASKPASS", askpass.toString());
                env.put("SSH_ASKPASS_REQUIRE", "force");
                env.put("DISPLAY", "kubemagic:0");
                secretEnv.put(PASSPHRASE_VARIABLE, ssh.passphrase());
            }
            switch (ssh.hostKeyPolicy()) {
                case KNOWN_HOSTS -> {
                    Path knownHosts = secrets.write(SecretValue.of(ssh.knownHosts().endsWith("\n") ? ssh.knownHosts() : ssh.knownHosts() + "\n"));
                    sshArgs.append(" -o StrictHostKeyChecking=yes -o UserKnownHostsFile=").append(knownHosts)
                            .append(" -o GlobalKnownHostsFile=/dev/null");
                    env.put("ANSIBLE_HOST_KEY_CHECKING", "True");
                }
                case AGENT_FILES -> {
                    sshArgs.append(" -o StrictHostKeyChecking=yes");
                    env.put("ANSIBLE_HOST_KEY_CHECKING", "True");
                }
                default -> {
                    sshArgs.append(" -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null");
                    env.put("ANSIBLE_HOST_KEY_CHECKING", "False");
                }
            }
            env.put("ANSIBLE_SSH_ARGS", sshArgs.toString());
            env.put("ANSIBLE_SSH_CONTROL_PATH_DIR", controlDirectory.toString());
            Path callbacks = directory.directory("callbacks");
            directory.write("callbacks/" + CALLBACK + ".py", callbackSource(), "rw-------");
            String existingPlugins = System.getenv("ANSIBLE_CALLBACK_PLUGINS");
            env.put("ANSIBLE_CALLBACK_PLUGINS", callbacks + (existingPlugins == null || existingPlugins.isBlank() ? "" : ":" + existingPlugins));
            env.put("ANSIBLE_CALLBACKS_ENABLED", AnsibleConfig.enabledCallbacks(invocation.workingDirectory(), CALLBACK));
            Path stats = directory.path().resolve("stats.json");
            env.put("KUBEMAGIC_STATS_FILE", stats.toString());
            env.put("ANSIBLE_LOCAL_TEMP", directory.directory("tmp").toString());
            env.put("ANSIBLE_RETRY_FILES_ENABLED", "False");
            env.put("PYTHONUNBUFFERED", "1");
            if (options.color()) {
                env.put("ANSIBLE_FORCE_COLOR", "1");
            } else {
                env.put("ANSIBLE_NOCOLOR", "1");
            }
            return new Prepared(List.copyOf(args), env, secretEnv, stats);
        }

        /** Runs one playbook; false when the run must stop here. */
        private boolean runPlaybook(Prepared prepared, Path playbook) {
            List<String> command = new ArrayList<>();
            command.add(options.ansiblePlaybook());
            command.addAll(prepared.arguments());
            command.add(playbook.toString());
            String display = String.join(" ", command);
            commands.add(display);
            console.progress("running in " + invocation.workingDirectory() + ": " + display);
            ProcessSpec.Builder spec = ProcessSpec.builder(command)
                    .workingDirectory(invocation.workingDirectory())
                    .timeout(remainingTime());
            prepared.environment().forEach(spec::env);
            prepared.secretEnvironment().forEach(spec::secretEnv);
            ProcessResult result;
            try {
                Files.deleteIfExists(prepared.statsFile());
                result = new ProcessRunner(context.masker()).run(spec.build(), console);
            } catch (InterruptedException aborted) {
                Thread.currentThread().interrupt();
                readStats(prepared.statsFile());
                end(Outcome.ABORTED, "aborted while running " + playbook.getFileName() + "; ansible-playbook and every "
                        + "process it started were stopped. Hosts may be half-configured: run it again to converge.");
                return false;
            } catch (IOException e) {
                throw new KubeMagicException("cannot prepare the stats file: " + e.getMessage(), e);
            }
            exitCode = result.exitCode();
            boolean haveStats = readStats(prepared.statsFile());
            if (result.timedOut()) {
                end(Outcome.TIMED_OUT, playbook.getFileName() + " did not finish within " + options.timeout()
                        + "; ansible-playbook and every process it started were stopped.");
                return false;
            }
            Outcome classified = classify(result.exitCode(), haveStats);
            if (classified == Outcome.SUCCESS) {
                return true;
            }
            end(classified, explain(classified, playbook, result));
            return false;
        }

        private Duration remainingTime() {
            Duration left = options.timeout().minus(Duration.between(start, Instant.now()));
            return left.isNegative() || left.isZero() ? Duration.ofSeconds(1) : left;
        }

        private Outcome classify(int code, boolean haveStats) {
            boolean unreachable = hosts.values().stream().anyMatch(h -> h.unreachable() > 0);
            boolean failed = hosts.values().stream().anyMatch(h -> h.failed() > 0);
            return switch (code) {
                case 0 -> Outcome.SUCCESS;
                case 2 -> Outcome.HOSTS_FAILED;
                // ansible-playbook exits 4 both for unreachable hosts and for parser errors: the recap tells them apart.
                case 4 -> !haveStats ? Outcome.PARSE_ERROR : unreachable ? Outcome.HOSTS_UNREACHABLE
                        : failed ? Outcome.HOSTS_FAILED : Outcome.FAILED;
                case 99 -> Outcome.ABORTED;
                default -> Outcome.FAILED;
            };
        }

        private String explain(Outcome what, Path playbook, ProcessResult result) {
            String name = playbook.getFileName().toString();
            return switch (what) {
                case HOSTS_FAILED, HOSTS_UNREACHABLE -> name + ": " + hostSummary();
                case PARSE_ERROR -> name + ": ansible could not parse the playbook or its files (exit code 4, no host was "
                        + "contacted): " + errorLines(result.output());
                default -> name + ": ansible-playbook exited with " + result.exitCode() + ": " + errorLines(result.output());
            };
        }

        private String hostSummary() {
            List<String> parts = new ArrayList<>();
            List<String> failed = hosts.values().stream().filter(h -> h.status() == HostResult.Status.FAILED).map(HostResult::host).toList();
            List<String> unreachable = hosts.values().stream().filter(h -> h.status() == HostResult.Status.UNREACHABLE).map(HostResult::host).toList();
            if (!failed.isEmpty()) {
                parts.add("failed on " + String.join(", ", failed) + " (" + problemsOf(failed, "failed") + ")");
            }
            if (!unreachable.isEmpty()) {
                parts.add("unreachable: " + String.join(", ", unreachable) + " (" + problemsOf(unreachable, "unreachable") + ")");
            }
            return String.join("; ", parts);
        }

        private String problemsOf(List<String> names, String kind) {
            List<String> lines = new ArrayList<>();
            for (TaskProblem p : problems) {
                if (names.contains(p.host()) && p.kind().equals(kind) && !p.ignored()) {
                    String text = p.host() + ": " + p.task() + ": " + telling(p.message());
                    lines.add(text.length() > 300 ? text.substring(0, 300) + "..." : text);
                }
            }
            return lines.isEmpty() ? "see the log" : String.join("; ", lines);
        }

        private boolean readStats(Path file) {
            if (!Files.isRegularFile(file)) {
                return false;
            }
            try {
                JsonNode stats = Json.mapper().readTree(file.toFile());
                stats.path("hosts").fields().forEachRemaining(e -> {
                    JsonNode s = e.getValue();
                    HostResult result = new HostResult(e.getKey(), s.path("ok").asInt(), s.path("changed").asInt(),
                            s.path("unreachable").asInt(), s.path("failures").asInt(), s.path("skipped").asInt(),
                            s.path("rescued").asInt(), s.path("ignored").asInt());
                    hosts.merge(e.getKey(), result, HostResult::plus);
                });
                for (JsonNode p : stats.path("problems")) {
                    problems.add(new TaskProblem(p.path("host").asText(), context.masker().mask(p.path("task").asText()),
                            p.path("kind").asText(), p.path("ignored").asBoolean(), context.masker().mask(p.path("message").asText())));
                }
                Files.deleteIfExists(file);
                return true;
            } catch (IOException e) {
                console.warn("could not read the recap of the run (" + e.getMessage() + "); per-host results are missing");
                return false;
            }
        }

        void printSummary() {
            if (!hosts.isEmpty()) {
                AnsibleTables.recap(new ArrayList<>(hosts.values())).forEach(console::line);
            }
            if (outcome == Outcome.SUCCESS) {
                console.progress(invocation.operation() + ": " + (options.check() ? "check mode, " : "") + "done on "
                        + hosts.size() + " host(s)");
            } else {
                console.warn(invocation.operation() + " " + outcome + ": " + message);
            }
        }

        PlaybookReport report(AuditRecord record) {
            return new PlaybookReport(invocation.operation(), invocation.inventory().toString(),
                    invocation.playbooks().stream().map(Path::toString).toList(), options.limit(), outcome, exitCode,
                    List.copyOf(hosts.values()), List.copyOf(problems), lint, List.copyOf(commands),
                    Duration.between(start, Instant.now()).toMillis(), message, record);
        }
    }

    private static final List<String> TELLING = List.of("Host key verification failed", "Permission denied",
            "Connection refused", "Connection timed out", "No route to host", "Could not resolve", "timed out");

    /** The line of a task's message that says what happened (ssh prints a banner of @ first when a host key changed). */
    static String telling(String message) {
        List<String> lines = message.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.matches("[@\\s]+")).toList();
        for (String phrase : TELLING) {
            for (String line : lines) {
                if (line.contains(phrase)) {
                    String prefix = message.startsWith("Failed to connect to the host via ssh") && !line.startsWith("Failed to connect")
                            ? "Failed to connect to the host via ssh: " : "";
                    return prefix + line;
                }
            }
        }
        return lines.isEmpty() ? "" : lines.get(0);
    }

    /** The ERROR! block ansible prints, or the last lines of output. */
    static String errorLines(List<String> output) {
        List<String> picked = new ArrayList<>();
        for (int i = 0; i < output.size(); i++) {
            if (output.get(i).startsWith("ERROR!")) {
                for (int j = i; j < output.size() && picked.size() < 12; j++) {
                    if (!output.get(j).isBlank()) {
                        picked.add(output.get(j).strip());
                    }
                }
                break;
            }
        }
        if (picked.isEmpty()) {
            output.stream().skip(Math.max(0, output.size() - 5)).filter(l -> !l.isBlank()).forEach(l -> picked.add(l.strip()));
        }
        return String.join(" | ", picked);
    }

    static void printLint(Console console, List<LintFinding> findings) {
        if (findings.isEmpty()) {
            console.progress("inventory lint: no findings");
            return;
        }
        console.progress("inventory lint: " + InventoryLinter.summary(findings));
        AnsibleTables.lint(findings).forEach(console::line);
    }

    private static String callbackSource() {
        try (InputStream in = AnsibleRunner.class.getResourceAsStream(CALLBACK + ".py")) {
            if (in == null) {
                throw new IllegalStateException("the stats callback is missing from the engine jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the stats callback", e);
        }
    }
}
