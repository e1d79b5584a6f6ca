package io.kubemagic.engine.inventory;

import io.kubemagic.engine.InvalidInputException;
import io.kubemagic.engine.etcd.QuotaBytes;
import io.kubemagic.engine.inventory.LintFinding.Severity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Checks an inventory before a playbook runs against it, with the mistakes of the operators' notes
 * in mind: Kubespray group names of the wrong era, an even number of etcd members or Ceph monitors,
 * a host moved into {@code broken_etcd} instead of added to it, {@code etcd_member_name} in group_vars
 * (which renames every member), an etcd quota of "2G" or "20Mi", and {@code --limit} names that do
 * not exist. Every finding says where, the value, and the fix.
 */
public final class InventoryLinter {
    private static final long ONE_GIB = 1024L * 1024 * 1024;
    private static final List<String> KUBESPRAY_KNOWN = List.of("etcd", "kube_control_plane", "kube_node", "k8s_cluster",
            "calico_rr", "broken_etcd", "broken_kube_control_plane", "kube-master", "kube-node", "k8s-cluster",
            "broken_kube-master", "bastion");
    private static final List<String> CEPH_KNOWN = List.of("mons", "osds", "mgrs", "mdss", "rgws", "nfss", "rbdmirrors",
            "clients", "iscsigws", "grafana-server", "monitoring");
    private static final List<String> OPENSHIFT_KNOWN = List.of("OSEv3", "masters", "nodes", "etcd", "lb", "nfs",
            "glusterfs", "new_nodes", "new_masters");

    private final Inventory inventory;
    private final LintRules rules;
    private final List<LintFinding> findings = new ArrayList<>();

    private InventoryLinter(Inventory inventory, LintRules rules) {
        this.inventory = inventory;
        this.rules = rules;
    }

    public static List<LintFinding> lint(Inventory inventory, LintRules rules) {
        InventoryLinter linter = new InventoryLinter(inventory, rules);
        linter.run();
        List<LintFinding> sorted = new ArrayList<>(linter.findings);
        sorted.sort(Comparator.comparing(LintFinding::severity));
        return List.copyOf(sorted);
    }

    private void run() {
        inventory.notes().forEach(note -> add(Severity.INFO, "vars-not-checked", "file", null, null, note,
                "check the encrypted variables by hand (ansible-vault view)"));
        switch (rules.product()) {
            case KUBESPRAY -> kubespray();
            case CEPH -> ceph();
            case OPENSHIFT -> openshift();
            default -> {
            }
        }
        nodes();
        limit();
    }

    // --- Kubespray ---

    private void kubespray() {
        KubesprayGroups era = rules.kubesprayGroups();
        requireKubesprayGroup(KubesprayGroups.ETCD, era, true);
        requireKubesprayGroup(era.controlPlane(), era, true);
        requireKubesprayGroup(era.node(), era, true);
        requireKubesprayGroup(era.cluster(), era, false);
        typos(KUBESPRAY_KNOWN);
        Set<String> etcd = inventory.hostsOf(KubesprayGroups.ETCD);
        if (!etcd.isEmpty() && etcd.size() % 2 == 0) {
            add(Severity.ERROR, "etcd-even-members", "group etcd", etcd.size() + " members " + etcd, null,
                    "etcd needs a majority of its members: " + etcd.size() + " members tolerate no more failures than "
                            + (etcd.size() - 1) + ", and Kubespray stops on an even number of etcd hosts.",
                    "list " + (etcd.size() - 1) + " or " + (etcd.size() + 1) + " hosts in the etcd group");
        }
        brokenGroup(KubesprayGroups.BROKEN_ETCD, KubesprayGroups.ETCD);
        brokenGroup("broken_kube_control_plane", inventory.hasGroup("kube_control_plane") ? "kube_control_plane" : "kube-master");
        brokenGroup("broken_kube-master", inventory.hasGroup("kube-master") ? "kube-master" : "kube_control_plane");
        if (rules.recovering()) {
            recovering(era);
        }
        etcdMemberName();
        etcdQuota();
    }

    private void requireKubesprayGroup(String expected, KubesprayGroups era, boolean needsHosts) {
        String other = KubesprayGroups.otherName(expected);
        boolean hasExpected = inventory.hasGroup(expected);
        boolean hasOther = other != null && inventory.hasGroup(other);
        if (hasExpected && hasOther && era != KubesprayGroups.TRANSITION) {
            add(Severity.WARNING, "kubespray-group-names-mixed", "group " + other, null, null,
                    "the inventory has both " + expected + " and " + other + "; this Kubespray checkout only uses "
                            + expected + ", so hosts in " + other + " are ignored.",
                    "move the hosts of " + other + " into " + expected + " and delete " + other);
        }
        if (!hasExpected) {
            if (hasOther && era == KubesprayGroups.TRANSITION) {
                add(Severity.WARNING, "kubespray-group-deprecated", "group " + other, null, null,
                        other + " is the name Kubespray used before 2.16; this checkout still maps it to " + expected
                                + " but newer releases do not.",
                        "rename the group " + other + " to " + expected);
                return;
            }
            String why = era == KubesprayGroups.LEGACY
                    ? "this Kubespray checkout predates 2.16 and targets " + expected
                    : "this Kubespray checkout (2.16 or later) targets " + expected;
            add(Severity.ERROR, "kubespray-required-group", "group " + expected, hasOther ? "missing (has " + other + ")" : "missing",
                    null, why + (hasOther ? ", but the inventory names the group " + other + ": the playbooks would skip those hosts."
                            : ", and the inventory has no such group."),
                    hasOther ? "rename the group " + other + " to " + expected
                            + (era == KubesprayGroups.LEGACY ? " (or check out Kubespray 2.16+)" : " (Kubespray 2.16 renamed it)")
                            : "add the group " + expected + " to the inventory");
            return;
        }
        if (needsHosts && inventory.hostsOf(expected).isEmpty()) {
            add(Severity.ERROR, "kubespray-empty-group", "group " + expected, "no hosts", null,
                    "the group " + expected + " has no hosts.", "list the " + expected + " hosts under it");
        }
    }

    private void brokenGroup(String broken, String normal) {
        if (!inventory.hasGroup(broken)) {
            return;
        }
        Set<String> members = inventory.hostsOf(normal);
        for (String host : inventory.hostsOf(broken)) {
            if (!members.contains(host)) {
                add(Severity.ERROR, "broken-host-not-in-group", "host " + host, "in " + broken + ", not in " + normal, null,
                        host + " is in " + broken + " but not in " + normal + ". recover-control-plane.yml runs against the "
                                + normal + " group, so a host moved out of it is never re-deployed, and the remaining members "
                                + "are reconfigured without it.",
                        "keep " + host + " in " + normal + " (listed last) and also add it to " + broken
                                + "; never move a host out of its normal group");
            }
        }
    }

    private void recovering(KubesprayGroups era) {
        Set<String> brokenEtcd = inventory.hostsOf(KubesprayGroups.BROKEN_ETCD);
        Set<String> brokenControlPlane = new LinkedHashSet<>(inventory.hostsOf("broken_kube_control_plane"));
        brokenControlPlane.addAll(inventory.hostsOf("broken_kube-master"));
        if (brokenEtcd.isEmpty() && brokenControlPlane.isEmpty()) {
            add(Severity.ERROR, "recover-without-broken-hosts", "group " + KubesprayGroups.BROKEN_ETCD, "no hosts", null,
                    "recover-control-plane.yml re-deploys the hosts of broken_etcd and " + era.brokenControlPlane()
                            + ", and both are empty or missing.",
                    "add the host to re-deploy to broken_etcd and " + era.brokenControlPlane()
                            + " (keeping it in etcd and " + era.controlPlane() + ")");
        }
        lastListed(brokenEtcd, KubesprayGroups.ETCD);
        lastListed(brokenControlPlane, inventory.hasGroup(era.controlPlane()) ? era.controlPlane()
                : KubesprayGroups.otherName(era.controlPlane()));
        for (String host : brokenEtcd) {
            boolean perHost = inventory.definitions("etcd_member_name").stream()
                    .anyMatch(d -> !d.isGroupLevel() && d.owner().equals(host));
            if (!perHost) {
                add(Severity.WARNING, "broken-etcd-member-name", "host " + host, "etcd_member_name not set", null,
                        "Kubespray's recovery needs etcd_member_name of the broken etcd host to find its stale member.",
                        "set etcd_member_name for " + host + " on its inventory entry or in host_vars/" + host
                                + ".yml (never in group_vars)");
            }
        }
    }

    private void lastListed(Set<String> broken, String group) {
        if (broken.isEmpty() || group == null || !inventory.hasGroup(group)) {
            return;
        }
        List<String> listed = inventory.listedHostsOf(group);
        List<String> tail = listed.subList(Math.max(0, listed.size() - broken.size()), listed.size());
        for (String host : broken) {
            if (listed.contains(host) && !tail.contains(host)) {
                add(Severity.WARNING, "broken-host-not-last", "host " + host, "position " + (listed.indexOf(host) + 1)
                                + " of " + listed.size() + " in " + group, null,
                        "the recovery takes the first host of " + group + " as the one that still works.",
                        "list " + host + " last in " + group);
            }
        }
    }

    private void etcdMemberName() {
        for (Inventory.VariableDefinition d : inventory.definitions("etcd_member_name")) {
            if (d.isGroupLevel()) {
                add(Severity.ERROR, "etcd-member-name-in-group-vars", "variable etcd_member_name (group " + d.owner() + ")",
                        String.valueOf(d.value()), d.file(),
                        "etcd_member_name is set for the whole group " + d.owner() + ": every etcd member of that group gets "
                                + "the same name, which breaks the etcd configuration (/etc/etcd.env) on all of them.",
                        "remove it from the group variables and set it per host, on the host's inventory entry or in "
                                + "host_vars/<host>.yml");
            }
        }
    }

    private void etcdQuota() {
        for (Inventory.VariableDefinition d : inventory.definitions("etcd_quota_backend_bytes")) {
            String subject = "variable etcd_quota_backend_bytes (" + d.kind() + " " + d.owner() + ")";
            Object value = d.value();
            String text = value == null ? "" : String.valueOf(value).trim();
            if (value instanceof String s && s.contains("{{")) {
                add(Severity.INFO, "etcd-quota-templated", subject, s, d.file(),
                        "the quota is a Jinja2 expression and was not checked.", "make sure it renders to a number of bytes");
                continue;
            }
            long bytes;
            try {
                if (value instanceof Double || value instanceof Float || value instanceof java.math.BigDecimal) {
                    throw new InvalidInputException("etcd_quota_backend_bytes", "\"" + text + "\" is not a whole number of bytes; "
                            + "write digits only, e.g. " + QuotaBytes.ETCD_DEFAULT + " for 2 GiB");
                }
                bytes = QuotaBytes.parse("etcd_quota_backend_bytes", text);
            } catch (InvalidInputException e) {
                add(Severity.ERROR, "etcd-quota-not-integer", subject, text, d.file(),
                        "etcd reads the quota as an integer of bytes and will not start with this value.",
                        e.getMessage().substring(e.getMessage().indexOf(':') + 1).trim());
                continue;
            }
            if (bytes < ONE_GIB) {
                add(Severity.ERROR, "etcd-quota-under-1gib", subject, text + " (" + QuotaBytes.human(bytes) + ")", d.file(),
                        QuotaBytes.warningFor("etcd_quota_backend_bytes", bytes).orElse("under 1 GiB"),
                        "set it to at least 2147483648 (2 GiB), or leave it undefined for etcd's default"
                                + (bytes % (1024 * 1024) == 0 && bytes > 0 ? "; " + bytes * 1024 + " if " + QuotaBytes.human(bytes * 1024)
                                + " was meant" : ""));
            }
        }
    }

    // --- ceph-ansible ---

    private void ceph() {
        for (String group : List.of("mons", "osds")) {
            if (inventory.hostsOf(group).isEmpty()) {
                add(Severity.ERROR, "ceph-required-group", "group " + group, inventory.hasGroup(group) ? "no hosts" : "missing",
                        null, "ceph-ansible deploys " + ("mons".equals(group) ? "monitors" : "OSDs") + " on the " + group
                                + " group, and it has no hosts.", "add the " + group + " group with its hosts");
            }
        }
        if (inventory.hostsOf("mgrs").isEmpty()) {
            add(Severity.WARNING, "ceph-no-mgrs", "group mgrs", inventory.hasGroup("mgrs") ? "no hosts" : "missing", null,
                    "without hosts in mgrs, no ceph-mgr is deployed and the cluster reports HEALTH_WARN (no active mgr).",
                    "add a mgrs group, usually the same hosts as mons");
        }
        Set<String> mons = inventory.hostsOf("mons");
        if (!mons.isEmpty() && mons.size() % 2 == 0) {
            add(Severity.ERROR, "ceph-even-mons", "group mons", mons.size() + " monitors " + mons, null,
                    "Ceph monitors need a majority for quorum: " + mons.size() + " monitors tolerate no more failures than "
                            + (mons.size() - 1) + (mons.size() == 2 ? ", and losing either one stops the cluster." : "."),
                    "list " + (mons.size() - 1) + " or " + (mons.size() + 1) + " hosts in mons");
        }
        typos(CEPH_KNOWN);
    }

    // --- openshift-ansible ---

    private void openshift() {
        if (!inventory.hasGroup("OSEv3")) {
            add(Severity.ERROR, "openshift-required-group", "group OSEv3", "missing", null,
                    "openshift-ansible reads its variables from the OSEv3 group and its children.",
                    "add [OSEv3:children] with masters, nodes and etcd");
        }
        for (String group : List.of("masters", "nodes")) {
            if (inventory.hostsOf(group).isEmpty()) {
                add(Severity.ERROR, "openshift-required-group", "group " + group, inventory.hasGroup(group) ? "no hosts" : "missing",
                        null, "openshift-ansible needs hosts in " + group + ".", "add the " + group + " group with its hosts");
            }
        }
        Set<String> etcd = inventory.hostsOf("etcd");
        if (!etcd.isEmpty() && etcd.size() % 2 == 0) {
            add(Severity.ERROR, "etcd-even-members", "group etcd", etcd.size() + " members " + etcd, null,
                    "etcd needs a majority of its members; an even number adds no fault tolerance.",
                    "list " + (etcd.size() - 1) + " or " + (etcd.size() + 1) + " hosts in the etcd group");
        }
        typos(OPENSHIFT_KNOWN);
    }

    // --- every product ---

    private void nodes() {
        for (String node : rules.nodes()) {
            if (!inventory.hasHost(node)) {
                add(Severity.ERROR, "node-not-in-inventory", "host " + node, null, null,
                        (rules.nodesField() == null ? "the operation" : rules.nodesField()) + " names " + node
                                + ", which is not a host of the inventory.",
                        "add " + node + " to the inventory first, or fix the name" + suggestion(node, inventory.hosts().stream()));
                continue;
            }
            if (rules.product() == LintRules.Product.KUBESPRAY) {
                KubesprayGroups era = rules.kubesprayGroups();
                Set<String> etcd = inventory.hostsOf(KubesprayGroups.ETCD);
                if (rules.removing() && etcd.contains(node)) {
                    add(Severity.WARNING, "remove-etcd-member", "host " + node, "in etcd", null,
                            "removing " + node + " also removes an etcd member; etcd keeps " + (etcd.size() - 1) + " member(s)"
                                    + ((etcd.size() - 1) % 2 == 0 ? ", an even number" : "") + ".",
                            "take " + node + " out of the etcd group in the inventory after the removal");
                } else if (!rules.removing() && !rules.recovering()
                        && !inventory.hostsOf(era.node()).contains(node) && !inventory.hostsOf(era.controlPlane()).contains(node)) {
                    add(Severity.ERROR, "node-not-in-cluster", "host " + node, "not in " + era.node(), null,
                            node + " is neither in " + era.node() + " nor in " + era.controlPlane() + ", so the playbook would not "
                                    + "make it a Kubernetes node.", "add " + node + " to " + era.node());
                }
            }
        }
    }

    private void limit() {
        if (rules.limit() == null) {
            return;
        }
        List<HostPattern.Term> terms = HostPattern.terms(inventory, rules.limit());
        for (HostPattern.Term term : terms) {
            if (term.name().startsWith("@")) {
                continue;
            }
            if (term.matched().isEmpty()) {
                add(Severity.ERROR, "limit-undefined", "limit " + term.text(), rules.limit(), null,
                        "\"" + term.name() + "\" in the limit is neither a host nor a group of the inventory"
                                + (term.name().contains("*") || term.name().startsWith("~") ? " pattern that matches anything" : "") + ".",
                        "use hosts or groups of the inventory" + suggestion(term.name(),
                                Stream.concat(inventory.hosts().stream(), inventory.groups().keySet().stream())));
            }
        }
        if (terms.stream().allMatch(t -> t.name().startsWith("@"))) {
            return;
        }
        if (HostPattern.select(inventory, rules.limit()).isEmpty() && terms.stream().noneMatch(t -> t.matched().isEmpty())) {
            add(Severity.ERROR, "limit-selects-nothing", "limit", rules.limit(), null,
                    "the limit selects no host at all, so ansible-playbook would stop with \"no hosts matched\".",
                    "check the exclusions (!) and intersections (&) of the limit");
        }
    }

    private void typos(List<String> known) {
        for (String group : inventory.groups().keySet()) {
            if (known.contains(group) || group.equals(Inventory.ALL) || group.equals(Inventory.UNGROUPED)) {
                continue;
            }
            Optional<String> close = known.stream().filter(k -> distance(k, group) <= (k.length() >= 8 ? 2 : 1) || k.equals(group + "s"))
                    .min(Comparator.comparingInt(k -> distance(k, group)));
            close.ifPresent(k -> add(Severity.WARNING, "group-name-typo", "group " + group, null, null,
                    "no playbook targets a group named " + group + "; it looks like " + k + ".", "rename the group " + group + " to " + k));
        }
    }

    private static String suggestion(String name, Stream<String> candidates) {
        return candidates.distinct().filter(c -> distance(c, name) <= Math.max(2, name.length() / 3))
                .min(Comparator.comparingInt(c -> distance(c, name)))
                .map(c -> " (did you mean " + c + "?)").orElse("");
    }

    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private void add(Severity severity, String rule, String subject, String value, String where, String message, String fix) {
        findings.add(new LintFinding(severity, rule, subject, value, where, message, fix));
    }

    /** Counts by severity, for summaries: "2 errors, 1 warning". */
    public static String summary(List<LintFinding> findings) {
        long errors = findings.stream().filter(f -> f.severity() == Severity.ERROR).count();
        long warnings = findings.stream().filter(f -> f.severity() == Severity.WARNING).count();
        return errors + (errors == 1 ? " error, " : " errors, ") + warnings + (warnings == 1 ? " warning" : " warnings");
    }
}
