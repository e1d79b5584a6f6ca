package io.kubemagic.engine.inventory;

import java.io.Serializable;
import java.util.List;

/**
 * Which rules apply to an inventory: the product it is for (with Kubespray's group naming), the
 * {@code --limit} of the run, hosts the operation names ({@code node=}, new nodes for scale.yml),
 * and whether it is a control plane recovery (broken_etcd must then be set).
 */
public record LintRules(Product product, KubesprayGroups kubesprayGroups, String limit, String nodesField,
                        List<String> nodes, boolean recovering, boolean removing) implements Serializable {

    public enum Product { KUBESPRAY, CEPH, OPENSHIFT, GENERIC }

    public LintRules {
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
    }

    public static LintRules kubespray(KubesprayGroups groups) {
        return new LintRules(Product.KUBESPRAY, groups == null ? KubesprayGroups.CURRENT : groups, null, null, List.of(), false, false);
    }

    public static LintRules of(Product product) {
        return new LintRules(product, KubesprayGroups.CURRENT, null, null, List.of(), false, false);
    }

    public LintRules withLimit(String newLimit) {
        return new LintRules(product, kubesprayGroups, newLimit == null || newLimit.isBlank() ? null : newLimit.trim(),
                nodesField, nodes, recovering, removing);
    }

    /** Hosts the operation is about; each must be in the inventory. */
    public LintRules withNodes(String field, List<String> hosts) {
        return new LintRules(product, kubesprayGroups, limit, field, hosts, recovering, removing);
    }

    public LintRules forRecovery() {
        return new LintRules(product, kubesprayGroups, limit, nodesField, nodes, true, removing);
    }

    public LintRules forRemoval() {
        return new LintRules(product, kubesprayGroups, limit, nodesField, nodes, recovering, true);
    }
}
