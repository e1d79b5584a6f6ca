package io.kubemagic.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintStream;
import java.util.Map;

/**
 * {@code kubemagic}: the root command. It holds what the process gives every subcommand, the
 * environment and the two output streams, so tests can run commands in-process with their own
 * environment (a password in {@code ETCDCTL_PASSWORD}) and capture what is printed.
 */
@Command(name = "kubemagic",
        mixinStandardHelpOptions = true,
        versionProvider = KubeMagicCommand.Version.class,
        modelTransformer = ExitCodes.HelpSection.class,
        description = "The lifecycle of Kubernetes and Ceph clusters from a terminal: etcd maintenance, the Kubespray, "
                + "ceph-ansible and openshift-ansible playbooks, Kubespray upgrades and node drains, Clair image scans. "
                + "The same engine as the Jenkins Kube Magic steps, for sh steps and for the day the Jenkins cluster "
                + "is the one that broke.",
        subcommands = {EtcdCommand.class, ScanCommand.class, KubesprayCommand.class, KubeCommand.class, AnsibleCommand.class, DemoCommand.class, CommandLine.HelpCommand.class},
        footer = {"%nPasswords are never taken on the command line: use ETCDCTL_PASSWORD or --password-file.",
                "Environment: ETCDCTL_ENDPOINTS, ETCDCTL_CACERT, ETCDCTL_CERT, ETCDCTL_KEY, ETCDCTL_PASSWORD, "
                        + "KUBEMAGIC_AUDIT_LOG, USER; scan: KUBEMAGIC_REGISTRY_PASSWORD, KUBEMAGIC_CLAIR_PSK, KUBEMAGIC_CLAIR_URL."})
public final class KubeMagicCommand {
    private final Map<String, String> environment;
    private final PrintStream out;
    private final PrintStream err;

    /** The command as the launcher runs it: the process environment, System.out and System.err. */
    public KubeMagicCommand() {
        this(System.getenv(), System.out, System.err);
    }

    public KubeMagicCommand(Map<String, String> environment, PrintStream out, PrintStream err) {
        this.environment = Map.copyOf(environment);
        this.out = out;
        this.err = err;
    }

    public Map<String, String> environment() {
        return environment;
    }

    public String env(String name) {
        String value = environment.get(name);
        return value == null || value.isBlank() ? null : value;
    }

    public PrintStream out() {
        return out;
    }

    public PrintStream err() {
        return err;
    }

    /** A command line over this root whose picocli messages (usage, parse errors) go to the same streams. */
    public CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(this);
        commandLine.setOut(new java.io.PrintWriter(out, true));
        commandLine.setErr(new java.io.PrintWriter(err, true));
        commandLine.setParameterExceptionHandler((exception, args) -> {
            // A short message instead of the whole usage: sh step logs stay readable.
            CommandLine failed = exception.getCommandLine();
            java.io.PrintWriter writer = failed.getErr();
            writer.println("kubemagic: error: " + exception.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(exception, writer);
            writer.println("Run '" + failed.getCommandSpec().qualifiedName() + " --help' for the options.");
            writer.flush();
            return ExitCodes.BAD_INPUT;
        });
        commandLine.setExecutionExceptionHandler((exception, cmd, parsed) -> {
            // Commands map their own failures; this catches what escaped them, without a stack trace.
            err.println("kubemagic: " + exception);
            return ExitCodes.of(exception);
        });
        return commandLine;
    }

    /** The same command line with another environment and streams: the demo runs "kubemagic etcd defrag" this way. */
    KubeMagicCommand withStreams(PrintStream newOut, PrintStream newErr) {
        return new KubeMagicCommand(environment, newOut, newErr);
    }

    public static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = KubeMagicCommand.class.getPackage().getImplementationVersion();
            return new String[] {"kubemagic " + (version == null ? "(development build)" : version)};
        }
    }
}
