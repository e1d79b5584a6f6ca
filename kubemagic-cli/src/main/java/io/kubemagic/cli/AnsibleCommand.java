package io.kubemagic.cli;

import io.kubemagic.engine.OperationContext;
import io.kubemagic.engine.ansible.PlaybookReport;
import io.kubemagic.engine.playbooks.LintReport;
import io.kubemagic.engine.playbooks.Operation;
import io.kubemagic.engine.playbooks.OperationRequest;
import io.kubemagic.engine.playbooks.Operations;
import io.kubemagic.engine.site.SiteLayout.Checkout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;

/**
 * {@code kubemagic ansible}: the Kube Magic workflow's playbooks (the Makefile targets of the
 * operators' notes) with the inventory linted first, SSH secrets kept out of argv and files, a
 * per-host recap and an audit record. The same engine as the Jenkins steps.
 */
@Command(name = "ansible",
        description = {"Run the Kube Magic workflow's playbooks: Kubespray (deploy-kube, scale, recover-control-plane, "
                + "remove-node, reset), ceph-ansible (deploy-ceph), openshift-ansible (deploy-openshift) and custom playbooks "
                + "(playbook), after linting the inventory.",
                "Exit codes of a run: 0 every host ok; 1 a host failed, time limit, other ansible error; 2 bad input, "
                        + "lint errors or a playbook ansible cannot parse; 3 a host unreachable; 130 interrupted."},
        mixinStandardHelpOptions = true,
        modelTransformer = ExitCodes.HelpSection.class,
        subcommands = {AnsibleCommand.Lint.class, AnsibleCommand.DeployKube.class, AnsibleCommand.Scale.class,
                AnsibleCommand.RecoverControlPlane.class, AnsibleCommand.RemoveNode.class, AnsibleCommand.Reset.class,
                AnsibleCommand.DeployCeph.class, AnsibleCommand.DeployOpenshift.class, AnsibleCommand.RunPlaybook.class})
public final class AnsibleCommand {

    /** Exit code of a finished run. */
    static int exitCode(PlaybookReport report) {
        return switch (report.outcome()) {
            case SUCCESS -> ExitCodes.OK;
            case LINT_FAILED, PARSE_ERROR -> ExitCodes.BAD_INPUT;
            case HOSTS_UNREACHABLE -> ExitCodes.UNREACHABLE;
            case ABORTED -> ExitCodes.INTERRUPTED;
            default -> ExitCodes.FAILED;
        };
    }

    /** A playbook run: the shared options, the request, the report. */
    abstract static class Run extends OutputCommand {
        @Mixin
        AnsibleCliOptions ansible;

        abstract Operation operation();

        void configure(OperationRequest.Builder request) {
        }

        @Override
        protected int run() {
            OperationRequest.Builder request = OperationRequest.builder(operation(), ansible.base().toString())
                    .siteFile(ansible.site)
                    .inventoryName(ansible.inventory)
                    .options(ansible.options(root(), masker));
            configure(request);
            OperationContext context = context(output);
            PlaybookReport report = new Operations(context).run(request.build());
            if (output.json) {
                printJson(report);
            }
            if (!report.succeeded()) {
                error(report.outcome() + ": " + report.message());
            }
            return exitCode(report);
        }
    }

    @Command(name = "lint", mixinStandardHelpOptions = true, modelTransformer = ExitCodes.HelpSection.class,
            description = "Lint the site's inventories (group names of the Kubespray era, etcd members and Ceph monitors, "
                    + "broken_etcd, etcd_member_name, the etcd quota, --limit); exit code 2 when there are errors.")
    static final class Lint extends OutputCommand {
        @Option(names = "--site", paramLabel = "FILE", description = "Site layout file (default: kubemagic-site.yml if present).")
        String site;

        @Option(names = "--base-dir", paramLabel = "DIR", description = "Directory the site's paths are relative to (default: current directory).")
        java.nio.file.Path baseDirectory;

        @Option(names = {"-i", "--inventory"}, paramLabel = "NAME", description = "Inventory name ({inventory} of the site layout).")
        String inventory;

        @Option(names = "--checkout", paramLabel = "NAME", split = ",",
                description = "Only these checkouts: kubespray, ceph, openshift, custom (default: every checkout present).")
        List<String> checkouts;

        @Option(names = {"-l", "--limit"}, paramLabel = "PATTERN", description = "Check that a --limit names hosts or groups that exist.")
        String limit;

        @Override
        protected int run() {
            List<Checkout> which = checkouts == null ? List.of()
                    : checkouts.stream().map(c -> Checkout.parse("--checkout", c)).toList();
            String base = (baseDirectory == null ? java.nio.file.Path.of("") : baseDirectory).toAbsolutePath().toString();
            LintReport report = new Operations(context(output)).lint(base, site, inventory, which, limit);
            if (output.json) {
                printJson(report);
            }
            return report.errors() > 0 ? ExitCodes.BAD_INPUT : ExitCodes.OK;
        }
    }

    @Command(name = "deploy-kube", mixinStandardHelpOptions = true, modelTransformer = ExitCodes.HelpSection.class,
            description = "Kubespray cluster.yml (make deploy-kube).")
    static final class DeployKube extends Run {
        @Override
        Operation operation() {
            return Operation.KUBE_DEPLOY;
        }
    }

    @Command(name = "scale", mixinStandardHelpOptions = true, modelTransformer = ExitCodes.HelpSection.class,
            description = "Kubespray scale.yml, limited to the new nodes.")
    static final class Scale extends Run {
        @Option(names = "--nodes", required = true, paramLabel = "NODES", description = "The new nodes, comma separated.")
        String nodes;

        @Override
        Operation operation() {
            return Operation.KUBESPRAY_SCALE;
        }

        @Override
        void configure(OperationRequest.Builder request) {
            request.nodes(nodes);
        }
    }

    @Command(name = "recover-control-plane", mixinStandardHelpOptions = true, modelTransformer = ExitCodes.HelpSection.class,
            description = "Kubespray recover-control-plane.yml -l etcd,kube_control_plane -e etcd_retries=N, for the hosts "
                    + "in broken_etcd / broken_kube_control_plane (which must stay in etcd / kube_control_plane).")
    static final class RecoverControlPlane extends Run {
        @Option(names = "--etcd-retries", paramLabel = "N", defaultValue = "" + OperationRequest.DEFAULT_ETCD_RETRIES,
                description = "etcd_retries (default: ${DEFAULT-VALUE}).")
        int etcdRetries;

        @Override
        Operation operation() {
            return Operation.KUBESPRAY_RECOVER_CONTROL_PLANE;
        }

        @Override
        void configure(OperationRequest.Builder request) {
            request.etcdRetries(etcdRetries);
        }
    }

    @Command(name = "remove-node", mixinStandardHelpOptions = true, modelTransformer = ExitCodes.HelpSection.class,
            description = "Kubespray remove-node.yml -e node=NAME (this command is the confirmation remove-node.yml asks for).")
    static final class RemoveNode extends Run {
        @Option(names = "--node", required = true, paramLabel = "NODE", description = "The node(s) to remove, comma separated.")
        String node;

        @Option(names = "--no-reset", description = "Do not reset the removed node (reset_nodes=false), e.g. when it is gone.")
        boolean noReset;

        @Override
        Operation operation() {
            return Operation.KUBESPRAY_REMOVE_NODE;
        }

        @Override
        void configure(OperationRequest.Builder request) {
            request.nodes(node).resetNodes(!noReset);
        }
    }

    @Command(name = "reset", mixinStandardHelpOptions = true, modelTransformer = ExitCodes.HelpSection.class,
            description = "Kubespray reset.yml: wipes Kubernetes and etcd. Needs --confirm with the inventory name.")
    static final class Reset extends Run {
        @Option(names = "--confirm", paramLabel = "INVENTORY", description = "The inventory name again, to confirm.")
        String confirm;

        @Override
        Operation operation() {
            return Operation.KUBESPRAY_RESET;
        }

        @Override
        void configure(OperationRequest.Builder request) {
            request.confirm(confirm);
        }
    }

    @Command(name = "deploy-ceph", mixinStandardHelpOptions = true, modelTransformer = ExitCodes.HelpSection.class,
            description = "ceph-ansible site.yml, or site-container.yml with --containerized (make deploy-ceph).")
    static final class DeployCeph extends Run {
        @Option(names = "--containerized", description = "Run site-container.yml.")
        boolean containerized;

        @Option(names = "--playbook", paramLabel = "FILE", description = "Another playbook of the ceph-ansible checkout.")
        String playbook;

        @Override
        Operation operation() {
            return Operation.CEPH_DEPLOY;
        }

        @Override
        void configure(OperationRequest.Builder request) {
            request.containerized(containerized).playbook(playbook);
        }
    }

    @Command(name = "deploy-openshift", mixinStandardHelpOptions = true, modelTransformer = ExitCodes.HelpSection.class,
            description = "openshift-ansible playbooks/prerequisites.yml then playbooks/deploy_cluster.yml (make deploy-openshift).")
    static final class DeployOpenshift extends Run {
        @Option(names = "--no-prerequisites", description = "Skip playbooks/prerequisites.yml.")
        boolean noPrerequisites;

        @Override
        Operation operation() {
            return Operation.OPENSHIFT_DEPLOY;
        }

        @Override
        void configure(OperationRequest.Builder request) {
            request.prerequisites(!noPrerequisites);
        }
    }

    @Command(name = "playbook", mixinStandardHelpOptions = true, modelTransformer = ExitCodes.HelpSection.class,
            description = "Any playbook of the custom checkout: post-install, logging, monitoring, tekton (make deploy-post, ...).")
    static final class RunPlaybook extends Run {
        @Parameters(index = "0", paramLabel = "PLAYBOOK", description = "Playbook path, relative to the custom checkout.")
        String playbook;

        @Option(names = "--inventory-from", paramLabel = "CHECKOUT", defaultValue = "custom",
                description = "Whose inventory: custom, kubespray, ceph or openshift (default: ${DEFAULT-VALUE}).")
        String inventoryFrom;

        @Override
        Operation operation() {
            return Operation.PLAYBOOK;
        }

        @Override
        void configure(OperationRequest.Builder request) {
            request.playbook(playbook).inventoryFrom(Checkout.parse("--inventory-from", inventoryFrom));
        }
    }

}
