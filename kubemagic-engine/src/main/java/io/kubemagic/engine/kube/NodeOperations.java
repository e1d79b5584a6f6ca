package io.kubemagic.engine.kube;

import io.fabric8.kubernetes.api.model.DeleteOptionsBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.policy.v1.Eviction;
import io.fabric8.kubernetes.api.model.policy.v1.EvictionBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubemagic.engine.InvalidInputException;
import io.kubemagic.engine.KubeMagicException;
import io.kubemagic.engine.OperationContext;
import io.kubemagic.engine.audit.AuditRecord;
import io.kubemagic.engine.console.Console;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Cordon, uncordon and drain, as {@code kubectl} does them, through the Eviction API so that
 * PodDisruptionBudgets are honoured: a pod refused with 429 is retried until the timeout, and a
 * drain that times out reports each pod it could not evict with the budgets that held it.
 */
public final class NodeOperations {
    private final OperationContext context;

    public NodeOperations(OperationContext context) {
        this.context = context;
    }

    public NodeReport cordon(KubeTarget target, String node) {
        return audited("kube.cordon", target, node, Map.of(), api -> setUnschedulable(api, node, true, "cordon"));
    }

    public NodeReport uncordon(KubeTarget target, String node) {
        return audited("kube.uncordon", target, node, Map.of(), api -> setUnschedulable(api, node, false, "uncordon"));
    }

    public NodeReport drain(KubeTarget target, String node, DrainOptions options) {
        return audited("kube.drain", target, node, options.describe(), api -> drain(api, node, options));
    }

    private NodeReport audited(String operation, KubeTarget target, String node, Map<String, Object> parameters,
                               Function<KubeApi, NodeReport> action) {
        if (node == null || node.isBlank()) {
            throw new InvalidInputException("node", "no node given; name the node as kubectl get nodes shows it");
        }
        target.registerSecrets(context.masker());
        Map<String, Object> where = new LinkedHashMap<>(target.describe());
        where.put("node", node);
        var audit = context.audit().begin(context.who(), operation, where, parameters);
        try (KubeApi api = KubeApi.connect(target)) {
            NodeReport report = action.apply(api);
            AuditRecord record = audit.finish(report.completed() ? AuditRecord.Outcome.SUCCESS
                    : Thread.currentThread().isInterrupted() ? AuditRecord.Outcome.ABORTED : AuditRecord.Outcome.FAILURE, report.failure());
            return withAudit(report, record);
        } catch (RuntimeException e) {
            audit.finish(AuditRecord.Outcome.FAILURE, e.getMessage());
            throw e;
        }
    }

    private static NodeReport withAudit(NodeReport r, AuditRecord audit) {
        return new NodeReport(r.operation(), r.node(), r.wasCordoned(), r.cordonedAfter(), r.evicted(), r.deleted(), r.skipped(),
                r.blocked(), r.completed(), r.failure(), r.millis(), audit);
    }

    Node node(KubeApi api, String name) {
        Node node = api.call("read node " + name, () -> api.client().nodes().withName(name).get());
        if (node == null) {
            List<String> names = api.call("list the nodes", () -> api.client().nodes().list().getItems()).stream()
                    .map(n -> n.getMetadata().getName()).toList();
            throw new InvalidInputException("node", "node \"" + name + "\" does not exist; the cluster's nodes are " + names);
        }
        return node;
    }

    private NodeReport setUnschedulable(KubeApi api, String name, boolean unschedulable, String operation) {
        Instant start = Instant.now();
        Node node = node(api, name);
        boolean was = node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable());
        if (was != unschedulable) {
            api.call(operation + " node " + name, () -> api.client().nodes().withName(name)
                    .edit(n -> new NodeBuilder(n).editOrNewSpec().withUnschedulable(unschedulable ? Boolean.TRUE : null).endSpec().build()));
        }
        context.console().progress(name + (was == unschedulable ? " was already " : " is now ")
                + (unschedulable ? "cordoned (SchedulingDisabled)" : "schedulable"));
        return new NodeReport(operation, name, was, unschedulable, List.of(), List.of(), List.of(), List.of(), true, null,
                Duration.between(start, Instant.now()).toMillis(), null);
    }

    /** Cordons, then evicts every pod but DaemonSet and mirror pods, retrying refused evictions until the timeout. */
    public NodeReport drain(KubeApi api, String name, DrainOptions options) {
        Console console = context.console();
        Instant start = Instant.now();
        Instant deadline = start.plus(options.timeout());
        NodeReport cordoned = setUnschedulable(api, name, true, "cordon");
        // Filtered here rather than with a field selector, which not every API (nor the test server) serves.
        List<Pod> onNode = api.call("list the pods of node " + name, () -> api.client().pods().inAnyNamespace()
                .list().getItems()).stream()
                .filter(p -> p.getSpec() != null && name.equals(p.getSpec().getNodeName())).toList();
        List<String> skipped = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        List<NodeReport.BlockedPod> refused = new ArrayList<>();
        List<Pod> toEvict = new ArrayList<>();
        for (Pod pod : onNode) {
            String id = id(pod);
            Map<String, String> annotations = pod.getMetadata().getAnnotations() == null ? Map.of() : pod.getMetadata().getAnnotations();
            OwnerReference controller = pod.getMetadata().getOwnerReferences() == null ? null : pod.getMetadata().getOwnerReferences()
                    .stream().filter(o -> Boolean.TRUE.equals(o.getController())).findFirst().orElse(null);
            String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
            if (annotations.containsKey("kubernetes.io/config.mirror")) {
                skipped.add(id + " (mirror pod: the kubelet manages it)");
            } else if (controller != null && "DaemonSet".equals(controller.getKind())) {
                if (options.ignoreDaemonSets()) {
                    skipped.add(id + " (DaemonSet " + controller.getName() + ")");
                } else {
                    refused.add(new NodeReport.BlockedPod(id, List.of(), "managed by DaemonSet " + controller.getName()
                            + "; set ignoreDaemonSets to leave such pods in place"));
                }
            } else if ("Succeeded".equals(phase) || "Failed".equals(phase)) {
                toDelete(api, pod, deleted);
            } else if (controller == null && !options.force()) {
                refused.add(new NodeReport.BlockedPod(id, List.of(), "not managed by a controller, it would be lost for good; "
                        + "set force to delete it anyway"));
            } else if (usesEmptyDir(pod) && !options.deleteEmptyDirData()) {
                refused.add(new NodeReport.BlockedPod(id, List.of(), "uses emptyDir volumes whose data a drain deletes; "
                        + "set deleteEmptyDirData to go on"));
            } else {
                toEvict.add(pod);
            }
        }
        if (!refused.isEmpty()) {
            String failure = "refusing to drain " + name + " (left cordoned, nothing evicted): " + refused.size() + " pod(s) "
                    + "cannot be evicted safely: " + String.join("; ", refused.stream().map(b -> b.pod() + ": " + b.reason()).toList());
            console.warn(failure);
            return new NodeReport("drain", name, cordoned.wasCordoned(), true, List.of(), deleted, skipped, refused, false, failure,
                    Duration.between(start, Instant.now()).toMillis(), null);
        }
        console.progress("draining " + name + ": " + toEvict.size() + " pod(s) to evict, " + skipped.size() + " left in place");
        List<String> evicted = new ArrayList<>();
        Map<String, NodeReport.BlockedPod> blocked = new LinkedHashMap<>();
        List<Pod> pending = new ArrayList<>(toEvict);
        Map<String, Pod> leaving = new LinkedHashMap<>();
        String failure = null;
        while (true) {
            for (Pod pod : new ArrayList<>(pending)) {
                switch (evict(api, pod, options)) {
                    case ACCEPTED -> {
                        pending.remove(pod);
                        blocked.remove(id(pod));
                        leaving.put(id(pod), pod);
                    }
                    case GONE -> {
                        pending.remove(pod);
                        blocked.remove(id(pod));
                        evicted.add(id(pod));
                    }
                    case REFUSED -> {
                        NodeReport.BlockedPod reason = blockedBy(api, pod);
                        if (!blocked.containsKey(id(pod))) {
                            console.warn("eviction of " + id(pod) + " refused (429): " + reason.reason() + "; retrying every "
                                    + options.retryInterval().toSeconds() + "s");
                        }
                        blocked.put(id(pod), reason);
                    }
                }
            }
            for (Map.Entry<String, Pod> entry : new ArrayList<>(leaving.entrySet())) {
                if (gone(api, entry.getValue())) {
                    leaving.remove(entry.getKey());
                    evicted.add(entry.getKey());
                    console.line("evicted " + entry.getKey());
                }
            }
            if (pending.isEmpty() && leaving.isEmpty()) {
                break;
            }
            if (!Instant.now().plus(options.retryInterval()).isBefore(deadline)) {
                List<NodeReport.BlockedPod> still = new ArrayList<>(blocked.values());
                leaving.keySet().forEach(id -> still.add(new NodeReport.BlockedPod(id, List.of(),
                        "evicted but still terminating (stuck Terminating? check its finalizers)")));
                pending.stream().filter(p -> !blocked.containsKey(id(p))).forEach(p -> still.add(new NodeReport.BlockedPod(id(p),
                        List.of(), "not evicted yet")));
                failure = "drain of " + name + " timed out after " + options.timeout().toSeconds() + "s: " + still.size()
                        + " pod(s) not evicted: " + String.join("; ", still.stream().map(b -> b.pod() + " (" + b.reason() + ")").toList())
                        + ". The node stays cordoned; fix the budget or the pod, then drain again";
                blocked.clear();
                still.forEach(b -> blocked.put(b.pod(), b));
                break;
            }
            try {
                Thread.sleep(options.retryInterval().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = "drain of " + name + " was interrupted; " + evicted.size() + " pod(s) evicted, the node stays cordoned";
                break;
            }
        }
        if (failure != null) {
            console.warn(failure);
        } else {
            console.progress(name + " drained: " + evicted.size() + " pod(s) evicted, " + deleted.size() + " finished pod(s) deleted");
        }
        return new NodeReport("drain", name, cordoned.wasCordoned(), true, List.copyOf(evicted), List.copyOf(deleted),
                List.copyOf(skipped), List.copyOf(blocked.values()), failure == null, failure,
                Duration.between(start, Instant.now()).toMillis(), null);
    }

    private enum Eviction429 { ACCEPTED, REFUSED, GONE }

    private static Eviction429 evict(KubeApi api, Pod pod, DrainOptions options) {
        EvictionBuilder eviction = new EvictionBuilder().withNewMetadata().withName(pod.getMetadata().getName())
                .withNamespace(pod.getMetadata().getNamespace()).endMetadata();
        if (options.gracePeriodSeconds() >= 0) {
            eviction.withDeleteOptions(new DeleteOptionsBuilder().withGracePeriodSeconds((long) options.gracePeriodSeconds()).build());
        }
        Eviction built = eviction.build();
        try {
            boolean accepted = api.client().pods().inNamespace(pod.getMetadata().getNamespace())
                    .withName(pod.getMetadata().getName()).evict(built);
            return accepted ? Eviction429.ACCEPTED : Eviction429.REFUSED;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return Eviction429.GONE;
            }
            if (e.getCode() == 429 || e.getCode() == 500 && String.valueOf(e.getMessage()).contains("disruption budget")) {
                return Eviction429.REFUSED;
            }
            throw new KubeMagicException("cannot evict " + id(pod) + ": " + api.explain(e), e);
        }
    }

    private static NodeReport.BlockedPod blockedBy(KubeApi api, Pod pod) {
        String namespace = pod.getMetadata().getNamespace();
        List<PodDisruptionBudget> budgets = api.call("list the PodDisruptionBudgets of " + namespace,
                () -> api.client().policy().v1().podDisruptionBudget().inNamespace(namespace).list().getItems());
        List<String> names = new ArrayList<>();
        List<String> rules = new ArrayList<>();
        for (PodDisruptionBudget pdb : budgets) {
            if (Selectors.matches(pdb.getSpec().getSelector(), pod.getMetadata().getLabels())) {
                names.add(namespace + "/" + pdb.getMetadata().getName());
                Integer allowed = pdb.getStatus() == null ? null : pdb.getStatus().getDisruptionsAllowed();
                rules.add("PodDisruptionBudget " + namespace + "/" + pdb.getMetadata().getName() + " allows "
                        + (allowed == null ? "?" : allowed) + " disruption(s), " + Preflight.budgetRule(pdb));
            }
        }
        return new NodeReport.BlockedPod(id(pod), List.copyOf(names), names.isEmpty()
                ? "the API refused the eviction (429) and no PodDisruptionBudget of " + namespace + " selects the pod"
                : "blocked by " + String.join("; ", rules));
    }

    private static boolean gone(KubeApi api, Pod pod) {
        Pod now = api.call("read pod " + id(pod), () -> api.client().pods().inNamespace(pod.getMetadata().getNamespace())
                .withName(pod.getMetadata().getName()).get());
        return now == null || !Objects.equals(now.getMetadata().getUid(), pod.getMetadata().getUid());
    }

    private void toDelete(KubeApi api, Pod pod, List<String> deleted) {
        api.call("delete finished pod " + id(pod), () -> api.client().pods().inNamespace(pod.getMetadata().getNamespace())
                .withName(pod.getMetadata().getName()).delete());
        deleted.add(id(pod));
    }

    private static boolean usesEmptyDir(Pod pod) {
        return pod.getSpec().getVolumes() != null && pod.getSpec().getVolumes().stream().anyMatch(v -> v.getEmptyDir() != null);
    }

    static String id(Pod pod) {
        return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
    }
}
