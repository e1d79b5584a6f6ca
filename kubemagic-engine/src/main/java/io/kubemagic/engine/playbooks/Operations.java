package io.kubemagic.engine.playbooks;

import io.kubemagic.engine.InvalidInputException;
import io.kubemagic.engine.KubeMagicException;
import io.kubemagic.engine.OperationContext;
import io.kubemagic.engine.ansible.AnsibleOptions;
import io.kubemagic.engine.ansible.AnsibleRunner;
import io.kubemagic.engine.ansible.PlaybookInvocation;
import io.kubemagic.engine.ansible.PlaybookReport;
import io.kubemagic.engine.audit.AuditRecord;
import io.kubemagic.engine.audit.AuditTrail;
import io.kubemagic.engine.inventory.InventoryLinter;
import io.kubemagic.engine.inventory.KubesprayGroups;
import io.kubemagic.engine.inventory.LintFinding;
import io.kubemagic.engine.inventory.LintRules;
import io.kubemagic.engine.site.SiteLayout;
import io.kubemagic.engine.site.SiteLayout.Checkout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Kube Magic workflow's operations on a site: which checkout, inventory and playbooks each
 * named operation uses, the extra variables and limit it sets (etcd_retries, node, the confirmations
 * Kubespray would otherwise prompt for), its lint rules, then the run.
 */
public final class Operations {
    private final OperationContext context;

    public Operations(OperationContext context) {
        this.context = context;
    }

    public PlaybookReport run(OperationRequest request) {
        PlaybookInvocation invocation;
        try {
            invocation = plan(request);
        } catch (KubeMagicException e) {
            // Bad input found before anything ran: still one audit record, then the error.
            request.options().registerSecrets(context.masker());
            context.audit().begin(context.who(), request.operation().auditName(),
                    Map.of("base", request.baseDirectory()), request.options().describe())
                    .finish(AuditRecord.Outcome.FAILURE, e.getMessage());
            throw e;
        }
        return new AnsibleRunner(context).run(invocation);
    }

    /** What {@link #run} will run, without running it. */
    public PlaybookInvocation plan(OperationRequest request) {
        SiteLayout site = SiteLayout.locate(Path.of(request.baseDirectory()), request.siteFile());
        Operation operation = request.operation();
        Checkout inventoryCheckout = operation == Operation.PLAYBOOK ? request.inventoryFrom() : operation.checkout();
        Path workingDirectory = site.checkout(operation.checkout());
        if (!Files.isDirectory(workingDirectory)) {
            throw new InvalidInputException("site", operation.checkout().key() + " checkout " + workingDirectory
                    + " does not exist; check out " + upstream(operation.checkout()) + " there (make init) or fix the site layout "
                    + site.source());
        }
        String inventoryName = site.inventoryName(inventoryCheckout, request.inventoryName());
        Path inventory = site.inventory(inventoryCheckout, request.inventoryName());
        KubesprayGroups groups = kubesprayGroups(site);
        LintRules rules = rules(inventoryCheckout, groups);
        AnsibleOptions.Builder options = request.options().toBuilder();
        List<Path> playbooks = new ArrayList<>();
        switch (operation) {
            case KUBE_DEPLOY -> playbooks.add(workingDirectory.resolve("cluster.yml"));
            case KUBESPRAY_SCALE -> {
                if (request.nodes().isEmpty()) {
                    throw new InvalidInputException("nodes", "name the new nodes to add (node5 or node5,node6); scale.yml is "
                            + "limited to them so the running nodes are left alone");
                }
                refuseLimit(request, "nodes");
                options.limit(String.join(",", request.nodes()));
                rules = rules.withNodes("nodes", request.nodes());
                playbooks.add(workingDirectory.resolve("scale.yml"));
            }
            case KUBESPRAY_RECOVER_CONTROL_PLANE -> {
                refuseLimit(request, "the recovery's own limit (etcd," + groups.controlPlane() + ")");
                options.limit(KubesprayGroups.ETCD + "," + groups.controlPlane());
                options.extraVar("etcd_retries", request.etcdRetries());
                rules = rules.forRecovery();
                playbooks.add(workingDirectory.resolve("recover-control-plane.yml"));
            }
            case KUBESPRAY_REMOVE_NODE -> {
                if (request.nodes().isEmpty()) {
                    throw new InvalidInputException("node", "name the node to remove (node=node3 in remove-node.yml)");
                }
                options.extraVar("node", String.join(",", request.nodes()));
                // The step's own parameter is the confirmation remove-node.yml would otherwise prompt for.
                options.extraVar("skip_confirmation", "yes");
                if (!request.resetNodes()) {
                    options.extraVar("reset_nodes", false);
                }
                rules = rules.withNodes("node", request.nodes()).forRemoval();
                playbooks.add(workingDirectory.resolve("remove-node.yml"));
            }
            case KUBESPRAY_RESET -> {
                if (!inventoryName.equals(request.confirm())) {
                    throw new InvalidInputException("confirm", "reset.yml wipes Kubernetes and etcd, with their data, from "
                            + (request.options().limit() == null ? "every host" : "the hosts of the limit " + request.options().limit())
                            + " of inventory \"" + inventoryName + "\"; to confirm, set confirm to \"" + inventoryName + "\""
                            + (request.confirm() == null ? "" : " (it is \"" + request.confirm() + "\")"));
                }
                options.extraVar("reset_confirmation", "yes");
                playbooks.add(workingDirectory.resolve("reset.yml"));
            }
            case CEPH_DEPLOY -> {
                String playbook = request.playbook() != null ? request.playbook()
                        : request.containerized() ? "site-container.yml"
                        : site.playbook(Checkout.CEPH) != null ? site.playbook(Checkout.CEPH) : "site.yml";
                playbooks.add(inside(workingDirectory, playbook));
            }
            case OPENSHIFT_DEPLOY -> {
                if (request.prerequisites()) {
                    playbooks.add(workingDirectory.resolve("playbooks/prerequisites.yml"));
                }
                playbooks.add(workingDirectory.resolve("playbooks/deploy_cluster.yml"));
            }
            case PLAYBOOK -> {
                if (request.playbook() == null) {
                    throw new InvalidInputException("playbook", "name the playbook to run, relative to the custom checkout "
                            + workingDirectory + " (post.yml, logging.yml, ...)");
                }
                playbooks.add(inside(workingDirectory, request.playbook()));
            }
            default -> throw new IllegalStateException(operation.name());
        }
        AnsibleOptions built = options.build();
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("site", site.source());
        target.put("checkout", workingDirectory.toString());
        target.put("inventoryName", inventoryName);
        return new PlaybookInvocation(operation.auditName(), workingDirectory, inventory, playbooks,
                rules.withLimit(built.limit()), built, target);
    }

    /** Lints the inventories of the site: the checkouts named, or every checkout whose directory exists. */
    public LintReport lint(String baseDirectory, String siteFile, String inventoryName, List<Checkout> checkouts, String limit) {
        SiteLayout site = SiteLayout.locate(Path.of(baseDirectory), siteFile);
        List<Checkout> which = checkouts == null || checkouts.isEmpty()
                ? List.of(Checkout.values()).stream().filter(c -> Files.isDirectory(site.checkout(c))).toList()
                : checkouts;
        AuditTrail.Entry audit = context.audit().begin(context.who(), "ansible.lint",
                Map.of("site", site.source(), "checkouts", which.stream().map(Checkout::key).toList()),
                limit == null ? Map.of() : Map.of("limit", limit));
        List<LintReport.Entry> entries = new ArrayList<>();
        AnsibleRunner runner = new AnsibleRunner(context);
        for (Checkout checkout : which) {
            Path inventory;
            try {
                inventory = site.inventory(checkout, inventoryName);
            } catch (InvalidInputException e) {
                entries.add(new LintReport.Entry(checkout.key(), null, List.of(new LintFinding(LintFinding.Severity.ERROR,
                        "inventory-missing", checkout.key() + " inventory", null, site.source(), e.getMessage(),
                        "create the inventory or fix the site layout"))));
                continue;
            }
            LintRules rules = rules(checkout, kubesprayGroups(site)).withLimit(limit);
            List<LintFinding> findings = runner.lint(inventory, List.of(site.checkout(checkout)), rules);
            context.console().progress(checkout.key() + " inventory " + inventory + ":");
            printLint(findings);
            entries.add(new LintReport.Entry(checkout.key(), inventory.toString(), findings));
        }
        if (entries.isEmpty()) {
            throw new InvalidInputException("site", "no checkout of the site exists under " + site.root()
                    + "; check out kubespray, ceph-ansible, openshift-ansible or custom there, or fix " + site.source());
        }
        List<LintFinding> all = entries.stream().flatMap(e -> e.findings().stream()).toList();
        long errors = all.stream().filter(LintFinding::isError).count();
        AuditRecord record = audit.finish(errors == 0 ? AuditRecord.Outcome.SUCCESS : AuditRecord.Outcome.FAILURE,
                InventoryLinter.summary(all));
        return new LintReport(site.source(), inventoryName, List.copyOf(entries), record);
    }

    private void printLint(List<LintFinding> findings) {
        if (findings.isEmpty()) {
            context.console().line("  no findings");
            return;
        }
        io.kubemagic.engine.ansible.AnsibleTables.lint(findings).forEach(context.console()::line);
    }

    private static KubesprayGroups kubesprayGroups(SiteLayout site) {
        KubesprayGroups configured = KubesprayGroups.parse(site.groupNames(Checkout.KUBESPRAY));
        return configured != null ? configured : KubesprayGroups.detect(site.checkout(Checkout.KUBESPRAY));
    }

    private static LintRules rules(Checkout checkout, KubesprayGroups groups) {
        return switch (checkout) {
            case KUBESPRAY -> LintRules.kubespray(groups);
            case CEPH -> LintRules.of(LintRules.Product.CEPH);
            case OPENSHIFT -> LintRules.of(LintRules.Product.OPENSHIFT);
            case CUSTOM -> LintRules.of(LintRules.Product.GENERIC);
        };
    }

    private static void refuseLimit(OperationRequest request, String instead) {
        if (request.options().limit() != null) {
            throw new InvalidInputException("limit", request.operation().stepName() + " sets its own limit from "
                    + instead + "; leave limit empty");
        }
    }

    /** A playbook path inside the checkout: relative, and not climbing out of it. */
    private static Path inside(Path checkout, String playbook) {
        Path resolved = checkout.resolve(playbook).normalize();
        if (Path.of(playbook).isAbsolute() || !resolved.startsWith(checkout)) {
            throw new InvalidInputException("playbook", "\"" + playbook + "\" must be a path inside the checkout " + checkout
                    + " (relative, without ..)");
        }
        return resolved;
    }

    private static String upstream(Checkout checkout) {
        return switch (checkout) {
            case KUBESPRAY -> "https://github.com/kubernetes-sigs/kubespray";
            case CEPH -> "https://github.com/ceph/ceph-ansible";
            case OPENSHIFT -> "https://github.com/openshift/openshift-ansible";
            case CUSTOM -> "the custom playbooks";
        };
    }
}
