package io.kubemagic.engine.kube;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.kubemagic.engine.KubeMagicException;
import io.kubemagic.engine.OperationContext;
import io.kubemagic.engine.etcd.ClusterStatus;
import io.kubemagic.engine.etcd.EtcdMaintenance;
import io.kubemagic.engine.etcd.EtcdTarget;
import io.kubemagic.engine.etcd.MemberStatus;
import io.kubemagic.engine.etcd.QuotaBytes;
import io.kubemagic.engine.kube.Finding.Severity;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What an operator checks before an upgrade, in one pass: every node Ready, kubelet versions,
 * nodes already cordoned, PodDisruptionBudgets that allow no disruption and the pods they hold
 * (the KubeVirt drain that timed out), pods stuck Terminating, disk/memory/PID pressure, the API
 * server certificate's expiry (from the TLS handshake), and etcd's health when endpoints are given.
 * It reports; it never changes anything, and an unreachable API is a finding, not an exception.
 */
public final class Preflight {
    private final OperationContext context;
    private final Clock clock;
    private Duration certificateWarning = Duration.ofDays(30);
    private Duration stuckTerminating = Duration.ofMinutes(5);

    public Preflight(OperationContext context) {
        this(context, Clock.systemUTC());
    }

    public Preflight(OperationContext context, Clock clock) {
        this.context = context;
        this.clock = clock;
    }

    public Preflight stuckTerminatingAfter(Duration after) {
        this.stuckTerminating = after;
        return this;
    }

    public Preflight certificateWarningWithin(Duration within) {
        this.certificateWarning = within;
        return this;
    }

    public PreflightReport run(KubeTarget target, EtcdTarget etcd) {
        target.registerSecrets(context.masker());
        var audit = context.audit().begin(context.who(), "kube.preflight", target.describe(), Map.of("etcd", etcd != null));
        try (KubeApi api = KubeApi.connect(target)) {
            PreflightReport report = run(api, etcd);
            report.findings().stream().filter(f -> f.severity() != Severity.OK).map(Finding::line).forEach(context.console()::line);
            context.console().progress("pre-flight: " + report.blocking().size() + " blocking, " + report.warnings().size()
                    + " warning(s)");
            audit.finish(io.kubemagic.engine.audit.AuditRecord.Outcome.SUCCESS, report.blocking().size() + " blocking finding(s)");
            return report;
        } catch (RuntimeException e) {
            audit.finish(io.kubemagic.engine.audit.AuditRecord.Outcome.FAILURE, e.getMessage());
            throw e;
        }
    }

    public PreflightReport run(KubeApi api, EtcdTarget etcd) {
        List<Finding> findings = new ArrayList<>();
        certificate(api, findings);
        String version = null;
        List<PreflightReport.NodeInfo> nodes = new ArrayList<>();
        try {
            version = api.serverVersion().toString();
            List<Node> nodeList = api.call("list the nodes", () -> api.client().nodes().list().getItems());
            List<Pod> pods = api.call("list the pods", () -> api.client().pods().inAnyNamespace().list().getItems());
            nodes(nodeList, nodes, findings);
            disruptionBudgets(api, pods, findings);
            terminating(pods, findings);
        } catch (KubeMagicException e) {
            findings.add(new Finding(Severity.BLOCKING, "api", api.server(), e.getMessage()));
        }
        if (etcd != null) {
            etcd(etcd, findings);
        }
        return new PreflightReport(api.server(), version, List.copyOf(nodes), List.copyOf(findings));
    }

    private void certificate(KubeApi api, List<Finding> findings) {
        URI server = URI.create(api.server());
        if (!"https".equals(server.getScheme())) {
            findings.add(new Finding(Severity.WARNING, "apiserver-certificate", api.server(), "the API is plain http; no certificate to check"));
            return;
        }
        try {
            ApiServerCertificate.Info info = ApiServerCertificate.read(server, Duration.ofSeconds(10), clock);
            if (info.expired()) {
                findings.add(new Finding(Severity.BLOCKING, "apiserver-certificate", api.server(), "the API server certificate ("
                        + info.subject() + ") expired on " + info.notAfter() + "; Kubespray cannot rotate expired certificates: on a "
                        + "control plane node run kubeadm certs renew apiserver (and apiserver-kubelet-client, front-proxy-client), "
                        + "copy them to the other control plane nodes and restart the API servers"));
            } else if (Duration.between(clock.instant(), info.notAfter()).compareTo(certificateWarning) < 0) {
                findings.add(new Finding(Severity.WARNING, "apiserver-certificate", api.server(), "the API server certificate expires on "
                        + info.notAfter() + " (" + info.daysLeft() + " day(s) left); renew it before it blocks the upgrade"));
            } else {
                findings.add(new Finding(Severity.OK, "apiserver-certificate", api.server(), "valid until " + info.notAfter()));
            }
        } catch (KubeMagicException e) {
            findings.add(new Finding(Severity.WARNING, "apiserver-certificate", api.server(), e.getMessage()));
        }
    }

    private static void nodes(List<Node> nodeList, List<PreflightReport.NodeInfo> nodes, List<Finding> findings) {
        TreeSet<String> versions = new TreeSet<>();
        for (Node node : nodeList) {
            String name = node.getMetadata().getName();
            List<NodeCondition> conditions = node.getStatus() == null || node.getStatus().getConditions() == null
                    ? List.of() : node.getStatus().getConditions();
            boolean ready = conditions.stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
            List<String> pressure = conditions.stream().filter(c -> c.getType() != null && c.getType().endsWith("Pressure")
                    && "True".equals(c.getStatus())).map(NodeCondition::getType).toList();
            String kubelet = node.getStatus() == null || node.getStatus().getNodeInfo() == null ? null
                    : node.getStatus().getNodeInfo().getKubeletVersion();
            boolean cordoned = node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable());
            nodes.add(new PreflightReport.NodeInfo(name, ready, kubelet, cordoned, pressure));
            if (kubelet != null) {
                versions.add(kubelet);
            }
            if (!ready) {
                findings.add(new Finding(Severity.BLOCKING, "node-ready", name, "node is not Ready; fix it (or remove it from the "
                        + "cluster) before upgrading: the playbook stops at the first node it cannot upgrade"));
            }
            if (!pressure.isEmpty()) {
                findings.add(new Finding(Severity.WARNING, "node-pressure", name, String.join(", ", pressure)
                        + ": free disk or memory first; image pre-pulls and new pods may fail there"));
            }
            if (cordoned) {
                findings.add(new Finding(Severity.WARNING, "node-cordoned", name, "already cordoned (SchedulingDisabled): "
                        + "Kubespray skips its drain and uncordons it after the upgrade; uncordon it now if that is not intended"));
            }
        }
        if (versions.size() > 1) {
            findings.add(new Finding(Severity.WARNING, "kubelet-versions", null, "nodes run different kubelet versions " + versions
                    + " (an earlier upgrade stopped part-way?)"));
        } else if (!versions.isEmpty()) {
            findings.add(new Finding(Severity.OK, "kubelet-versions", null, "every node runs kubelet " + versions.first()));
        }
    }

    private static void disruptionBudgets(KubeApi api, List<Pod> pods, List<Finding> findings) {
        List<PodDisruptionBudget> budgets = api.call("list the PodDisruptionBudgets",
                () -> api.client().policy().v1().podDisruptionBudget().inAnyNamespace().list().getItems());
        for (PodDisruptionBudget pdb : budgets) {
            Integer allowed = pdb.getStatus() == null ? null : pdb.getStatus().getDisruptionsAllowed();
            if (allowed == null || allowed > 0) {
                continue;
            }
            String namespace = pdb.getMetadata().getNamespace();
            List<String> covered = pods.stream()
                    .filter(p -> namespace.equals(p.getMetadata().getNamespace())
                            && Selectors.matches(pdb.getSpec().getSelector(), p.getMetadata().getLabels()))
                    .map(p -> p.getMetadata().getName() + (p.getSpec() != null && p.getSpec().getNodeName() != null
                            ? " on " + p.getSpec().getNodeName() : ""))
                    .toList();
            findings.add(new Finding(Severity.BLOCKING, "pod-disruption-budget", namespace + "/" + pdb.getMetadata().getName(),
                    "allows 0 disruptions (" + budgetRule(pdb) + "); draining a node that runs " + (covered.isEmpty()
                    ? "its pods" : String.join(", ", covered)) + " will time out. Scale the workload up, relax the budget, "
                    + "or move those pods before the upgrade"));
        }
    }

    static String budgetRule(PodDisruptionBudget pdb) {
        List<String> parts = new ArrayList<>();
        if (pdb.getSpec().getMinAvailable() != null) {
            parts.add("minAvailable " + pdb.getSpec().getMinAvailable().getValue());
        }
        if (pdb.getSpec().getMaxUnavailable() != null) {
            parts.add("maxUnavailable " + pdb.getSpec().getMaxUnavailable().getValue());
        }
        if (pdb.getStatus() != null && pdb.getStatus().getCurrentHealthy() != null) {
            parts.add(pdb.getStatus().getCurrentHealthy() + " healthy of " + pdb.getStatus().getExpectedPods() + " expected");
        }
        return String.join(", ", parts);
    }

    private void terminating(List<Pod> pods, List<Finding> findings) {
        Instant limit = clock.instant().minus(stuckTerminating);
        for (Pod pod : pods) {
            String deletion = pod.getMetadata().getDeletionTimestamp();
            if (deletion == null) {
                continue;
            }
            Instant since = Instant.parse(deletion);
            if (since.isBefore(limit)) {
                findings.add(new Finding(Severity.WARNING, "pod-terminating", pod.getMetadata().getNamespace() + "/"
                        + pod.getMetadata().getName(), "stuck Terminating since " + deletion
                        + (pod.getSpec() != null && pod.getSpec().getNodeName() != null ? " on " + pod.getSpec().getNodeName() : "")
                        + "; a drain of that node will wait for it (check its finalizers and the node's container runtime)"));
            }
        }
    }

    private void etcd(EtcdTarget etcd, List<Finding> findings) {
        try {
            ClusterStatus status = new EtcdMaintenance(context).status(etcd, QuotaBytes.ETCD_DEFAULT);
            for (MemberStatus member : status.members()) {
                if (!member.reachable()) {
                    findings.add(new Finding(Severity.BLOCKING, "etcd", member.label(), "does not answer: " + member.error()));
                } else if (!member.alarms().isEmpty()) {
                    findings.add(new Finding(Severity.BLOCKING, "etcd", member.label(), "alarms " + member.alarms()
                            + " (NOSPACE: run etcdDefrag first)"));
                }
            }
            if (status.unreachable().isEmpty() && !status.anyNoSpaceAlarm()) {
                findings.add(new Finding(Severity.OK, "etcd", null, status.members().size() + " member(s) healthy, leader "
                        + status.leader().map(MemberStatus::label).orElse("?")));
            }
        } catch (KubeMagicException e) {
            findings.add(new Finding(Severity.BLOCKING, "etcd", null, e.getMessage()));
        }
    }

    /** The findings as lines, blocking first. */
    public static List<String> lines(PreflightReport report) {
        return report.findings().stream().sorted(java.util.Comparator.comparing(Finding::severity)).map(Finding::line)
                .collect(Collectors.toList());
    }
}
