package io.kubemagic.cli;

import io.kubemagic.engine.kube.DrainOptions;
import io.kubemagic.engine.kube.NodeOperations;
import io.kubemagic.engine.kube.Preflight;
import io.kubemagic.engine.kube.PreflightReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Duration;

/** {@code kubemagic kube}: node operations and the pre-flight checks, over the Kubernetes API. */
@Command(name = "kube",
        description = {"Cordon, uncordon and drain nodes (the Eviction API, honouring PodDisruptionBudgets) and run the "
                + "pre-flight checks of an upgrade. The kubeconfig comes from --kubeconfig, else $KUBECONFIG, else ~/.kube/config.",
                "Exit codes of these commands: 0 done; 1 the drain did not finish, or a blocking pre-flight finding; "
                        + "2 bad input (an unknown node, a bad kubeconfig); 3 the API server does not answer; 130 interrupted."},
        mixinStandardHelpOptions = true,
        modelTransformer = ExitCodes.HelpSection.class,
        subcommands = {KubeCommand.Cordon.class, KubeCommand.Uncordon.class, KubeCommand.Drain.class, KubeCommand.PreflightCheck.class})
public final class KubeCommand {

    @Command(name = "cordon", description = "Mark a node unschedulable (kubectl cordon).", mixinStandardHelpOptions = true,
            modelTransformer = ExitCodes.HelpSection.class)
    static final class Cordon extends KubeLeafCommand {
        @Parameters(paramLabel = "NODE", description = "The node, as kubectl get nodes names it.")
        String node;

        @Override
        protected int run() {
            return finish(new NodeOperations(context()).cordon(target(), node));
        }
    }

    @Command(name = "uncordon", description = "Mark a node schedulable again (kubectl uncordon).", mixinStandardHelpOptions = true,
            modelTransformer = ExitCodes.HelpSection.class)
    static final class Uncordon extends KubeLeafCommand {
        @Parameters(paramLabel = "NODE", description = "The node, as kubectl get nodes names it.")
        String node;

        @Override
        protected int run() {
            return finish(new NodeOperations(context()).uncordon(target(), node));
        }
    }

    @Command(name = "drain", description = {"Cordon a node and evict its pods through the Eviction API, honouring "
            + "PodDisruptionBudgets; a refused eviction (429) is retried until --timeout, then every pod that blocked "
            + "the drain is reported with the budget that held it. Exits 1 when the drain did not finish."},
            mixinStandardHelpOptions = true, modelTransformer = ExitCodes.HelpSection.class)
    static final class Drain extends KubeLeafCommand {
        @Parameters(paramLabel = "NODE", description = "The node, as kubectl get nodes names it.")
        String node;

        @Option(names = "--ignore-daemonsets", negatable = true, defaultValue = "true", fallbackValue = "true",
                description = "Leave DaemonSet pods in place (default: ${DEFAULT-VALUE}).")
        boolean ignoreDaemonSets;

        @Option(names = "--delete-emptydir-data", negatable = true, defaultValue = "true", fallbackValue = "true",
                description = "Evict pods with emptyDir volumes, whose data is lost (default: ${DEFAULT-VALUE}).")
        boolean deleteEmptyDirData;

        @Option(names = "--force", description = "Also delete pods no controller manages (they are not re-created).")
        boolean force;

        @Option(names = "--grace-period", paramLabel = "SECONDS", defaultValue = "-1",
                description = "Termination grace period of the evicted pods (default: each pod's own).")
        int gracePeriod;

        @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5m",
                description = "Give up after this long (default: ${DEFAULT-VALUE}).")
        String timeout;

        @Override
        protected int run() {
            DrainOptions options = new DrainOptions(ignoreDaemonSets, deleteEmptyDirData, force, gracePeriod,
                    Durations.parse("--timeout", timeout), Duration.ofSeconds(5));
            return finish(new NodeOperations(context()).drain(target(), node, options));
        }
    }

    @Command(name = "preflight", description = {"The checks before an upgrade: nodes Ready, kubelet versions, cordoned nodes, "
            + "PodDisruptionBudgets allowing no disruption (and their pods), pods stuck Terminating, disk/memory pressure, "
            + "the API server certificate's expiry. Exits 1 on a blocking finding, 3 when the API does not answer."},
            mixinStandardHelpOptions = true, modelTransformer = ExitCodes.HelpSection.class)
    static final class PreflightCheck extends KubeLeafCommand {
        @Override
        protected int run() {
            PreflightReport report = new Preflight(context()).run(target(), null);
            if (output.json) {
                printJson(report);
            }
            if (report.blocking().stream().anyMatch(f -> f.check().equals("api") && f.message().contains("(connection refused)"))) {
                error(report.blocking().get(0).message());
                return ExitCodes.UNREACHABLE;
            }
            if (!report.blocking().isEmpty()) {
                error(report.blocking().size() + " blocking finding(s); see above");
                return ExitCodes.FAILED;
            }
            return ExitCodes.OK;
        }
    }
}
