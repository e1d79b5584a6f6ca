package io.kubemagic.cli;

import io.kubemagic.engine.ansible.AnsibleOptions;
import io.kubemagic.engine.kubespray.AnsibleRunnerHopExecutor;
import io.kubemagic.engine.kubespray.KubesprayUpgrade;
import io.kubemagic.engine.kubespray.UpgradePlan;
import io.kubemagic.engine.kubespray.UpgradeReport;
import io.kubemagic.engine.kubespray.UpgradeRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code kubemagic kubespray}: plan and run a Kubespray upgrade, tag by tag, resumable. */
@Command(name = "kubespray",
        description = {"Plan and run a Kubespray cluster upgrade: one Kubespray minor line at a time (latest patch of each), "
                + "one Kubernetes minor at a time, the inventory reviewed per hop, pre-flight checks, a progress file that "
                + "makes a re-run resume where the last one stopped. The hops reach the hosts as kubemagic ansible does "
                + "(--key, --known-hosts, -u, -b, --vault-password-file).",
                "Exit codes of these commands: 0 done (or the hops --max-hops allowed); 1 a hop failed, or a blocking "
                        + "pre-flight finding; 2 bad input or a refused plan (nothing changed); 3 the API server does not "
                        + "answer; 130 interrupted."},
        mixinStandardHelpOptions = true,
        modelTransformer = ExitCodes.HelpSection.class,
        subcommands = {KubesprayCommand.Plan.class, KubesprayCommand.Upgrade.class})
public final class KubesprayCommand {

    /** What plan and upgrade share. */
    abstract static class Leaf extends KubeLeafCommand {
        @Option(names = "--kubespray", paramLabel = "DIR", required = true, description = "Your Kubespray checkout (a git clone with its tags).")
        String kubespray;

        @Option(names = "--inventory", paramLabel = "DIR", description = "Your inventory folder (hosts.yaml or inventory.ini, group_vars/).")
        String inventory;

        @Option(names = "--state-dir", paramLabel = "DIR", defaultValue = ".kubemagic/kubespray",
                description = "Progress file, plan, worktrees and hop logs (default: ${DEFAULT-VALUE}).")
        String stateDir;

        @Option(names = "--ref", paramLabel = "REF", description = "The Kubespray commit, tag or branch the cluster was deployed "
                + "with (default: the checkout's HEAD). An untagged commit gets its closest tag.")
        String ref;

        @Option(names = "--current-kube-version", paramLabel = "VERSION",
                description = "The cluster's Kubernetes version (default: read from the API server).")
        String currentKubeVersion;

        @Option(names = "--target-tag", paramLabel = "TAG", description = "The Kubespray release to end on (e.g. v2.15.1).")
        String targetTag;

        @Option(names = "--target-kube-version", paramLabel = "VERSION", description = "The Kubernetes version to end on (e.g. v1.19.9).")
        String targetKubeVersion;

        @Option(names = "--no-preflight", description = "Skip the pre-flight checks of the cluster.")
        boolean noPreflight;

        @Option(names = "--etcd-endpoints", paramLabel = "URLS", description = "Also check etcd's health (plain http endpoints; "
                + "for TLS use kubemagic etcd status).")
        String etcdEndpoints;

        UpgradeRequest.Builder request() {
            UpgradeRequest.Builder builder = UpgradeRequest.builder(kubespray, stateDir).inventory(inventory).kubesprayRef(ref)
                    .currentKubeVersion(currentKubeVersion).targetTag(targetTag).targetKubeVersion(targetKubeVersion)
                    .preflight(!noPreflight);
            if (kube.given(root()) || currentKubeVersion == null) {
                builder.kube(target());
            }
            if (etcdEndpoints != null) {
                builder.etcd(io.kubemagic.engine.etcd.EtcdTarget.builder().endpoints(etcdEndpoints).build());
            }
            return builder;
        }
    }

    @Command(name = "plan", description = {"Print (and save in --state-dir as plan.txt/plan.json) the hops, the inventory review "
            + "of each hop and the pre-flight findings. Changes nothing. Exits 2 when the plan is refused (downgrade, "
            + "a version the target cannot install, unknown commit), 1 on a blocking pre-flight finding."},
            mixinStandardHelpOptions = true, modelTransformer = ExitCodes.HelpSection.class)
    static final class Plan extends Leaf {
        @Override
        protected int run() {
            UpgradePlan plan = new KubesprayUpgrade(context()).plan(request().build());
            if (output.json) {
                printJson(plan);
            }
            if (!plan.refusals().isEmpty()) {
                error("refused: " + String.join("; ", plan.refusals()));
                return ExitCodes.BAD_INPUT;
            }
            if (!plan.approvable()) {
                error(plan.preflight().blocking().size() + " blocking pre-flight finding(s)");
                return ExitCodes.FAILED;
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "upgrade", description = {"Run the plan: per hop, the tag exported to a worktree in --state-dir, "
            + "upgrade-cluster.yml run with the hop's kube_version and drain options, a log per hop, progress saved after each "
            + "step. A re-run resumes at the hop that failed. Exits 1 when a hop failed (the message says where and how to go on).",
            "The hosts are reached with --key (its passphrase from --passphrase-file or $KUBEMAGIC_SSH_PASSPHRASE), -u, "
                    + "and host keys checked against --known-hosts (else the agent's known_hosts; Kubespray's ansible.cfg "
                    + "cannot turn that off), as with kubemagic ansible; without --key, the agent's SSH setup."},
            mixinStandardHelpOptions = true, modelTransformer = ExitCodes.HelpSection.class)
    static final class Upgrade extends Leaf {
        @Option(names = "--max-hops", paramLabel = "N", defaultValue = "0", description = "Run at most N hops, then stop (0: all).")
        int maxHops;

        @Option(names = "--ignore-preflight", description = "Run even when the pre-flight checks found blocking problems.")
        boolean ignorePreflight;

        @Option(names = "--drain-grace-period", paramLabel = "SECONDS", defaultValue = "300",
                description = "Kubespray's drain_grace_period (default: ${DEFAULT-VALUE}).")
        int drainGracePeriod;

        @Option(names = "--drain-timeout", paramLabel = "SECONDS", defaultValue = "360",
                description = "Kubespray's drain_timeout (default: ${DEFAULT-VALUE}).")
        int drainTimeout;

        @Option(names = "--hop-timeout", paramLabel = "DURATION", defaultValue = "6h",
                description = "Time limit of one hop's playbook run (default: ${DEFAULT-VALUE}).")
        String hopTimeout;

        @Option(names = "--ansible-playbook", paramLabel = "COMMAND", defaultValue = "ansible-playbook",
                description = "The ansible-playbook to run (default: ${DEFAULT-VALUE} from the PATH).")
        String ansiblePlaybook;

        /** SSH user, key, host keys, become (Kubespray's upgrade needs it unless you connect as root), vault password. */
        @Mixin
        AnsibleAccessCliOptions access;

        @Override
        protected int run() {
            UpgradeRequest request = request().maxHops(maxHops).ignorePreflight(ignorePreflight)
                    .drainGracePeriodSeconds(drainGracePeriod).drainTimeoutSeconds(drainTimeout)
                    .hopTimeout(Durations.parse("--hop-timeout", hopTimeout))
                    .ansible(access.apply(AnsibleOptions.builder().ansiblePlaybook(ansiblePlaybook), root(), masker).build()).build();
            UpgradeReport report = new KubesprayUpgrade(context()).run(request, new AnsibleRunnerHopExecutor(request.ansible()));
            if (output.json) {
                printJson(report);
            }
            if (report.failure() != null) {
                error(report.failure());
                if (report.resumeHint() != null) {
                    root().err().println(mask("kubemagic: " + report.resumeHint()));
                }
                return report.plan() != null && !report.plan().refusals().isEmpty() ? ExitCodes.BAD_INPUT : ExitCodes.FAILED;
            }
            return ExitCodes.OK;
        }
    }
}
