package io.kubemagic.engine.inventory;

import io.kubemagic.engine.inventory.LintFinding.Severity;
import io.kubemagic.engine.testkit.ansible.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The lint on crafted bad inventories: every mistake of the notes, each with subject, value and fix. */
class InventoryLintTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) {
        return TestFiles.write(dir, name, text);
    }

    private static LintFinding rule(List<LintFinding> findings, String rule) {
        return findings.stream().filter(f -> f.rule().equals(rule)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + rule + " in " + findings));
    }

    private static final String GOOD = """
            all:
              hosts:
                node1: {etcd_member_name: etcd1}
                node2: {etcd_member_name: etcd2}
                node3: {etcd_member_name: etcd3}
              children:
                kube_control_plane: {hosts: {node1: , node2: , node3: }}
                etcd: {hosts: {node1: , node2: , node3: }}
                kube_node: {hosts: {node2: , node3: }}
                k8s_cluster: {children: {kube_control_plane: , kube_node: }}
            """;

    @Test
    void aGoodInventoryHasNoFindings() throws IOException {
        Path hosts = write("good/hosts.yml", GOOD);
        write("good/group_vars/etcd.yml", "etcd_quota_backend_bytes: 2147483648\n");

        assertThat(InventoryLinter.lint(InventoryLoader.load(hosts), LintRules.kubespray(KubesprayGroups.CURRENT).withLimit("etcd,kube_control_plane")))
                .isEmpty();
    }

    @Test
    void theBrokenEtcdTrapOfTheNotes() throws IOException {
        // The node to re-deploy was MOVED out of etcd into broken_etcd, and etcd_member_name set in group_vars/broken_etcd.yaml.
        Path hosts = write("trap/hosts.yml", """
                all:
                  hosts: {node1: , node2: , node3: }
                  children:
                    kube_control_plane: {hosts: {node1: , node2: , node3: }}
                    etcd: {hosts: {node1: , node2: }}
                    kube_node: {hosts: {node1: , node2: , node3: }}
                    k8s_cluster: {children: {kube_control_plane: , kube_node: }}
                    broken_etcd: {hosts: {node3: }}
                    broken_kube_control_plane: {hosts: {node1: }}
                """);
        write("trap/group_vars/broken_etcd.yaml", "etcd_member_name: etcd3\n");

        List<LintFinding> findings = InventoryLinter.lint(InventoryLoader.load(hosts),
                LintRules.kubespray(KubesprayGroups.CURRENT).forRecovery().withLimit("etcd,kube_control_plane"));

        LintFinding moved = rule(findings, "broken-host-not-in-group");
        assertThat(moved.severity()).isEqualTo(Severity.ERROR);
        assertThat(moved.subject()).isEqualTo("host node3");
        assertThat(moved.value()).isEqualTo("in broken_etcd, not in etcd");
        assertThat(moved.fix()).contains("keep node3 in etcd", "also add it to broken_etcd");
        LintFinding memberName = rule(findings, "etcd-member-name-in-group-vars");
        assertThat(memberName.subject()).contains("etcd_member_name", "broken_etcd");
        assertThat(memberName.value()).isEqualTo("etcd3");
        assertThat(memberName.where()).endsWith("broken_etcd.yaml");
        assertThat(memberName.fix()).contains("host_vars");
        LintFinding even = rule(findings, "etcd-even-members");
        assertThat(even.value()).startsWith("2 members");
        assertThat(even.fix()).contains("1 or 3");
        assertThat(rule(findings, "broken-host-not-last").subject()).isEqualTo("host node1");
    }

    @Test
    void groupNamesOfTheWrongKubesprayEra() throws IOException {
        Path hosts = write("legacy/hosts.yml", """
                all:
                  hosts: {node1: }
                  children:
                    kube-master: {hosts: {node1: }}
                    etcd: {hosts: {node1: }}
                    kube-node: {hosts: {node1: }}
                    k8s-cluster: {children: {kube-master: , kube-node: }}
                """);
        Inventory inventory = InventoryLoader.load(hosts);

        List<LintFinding> current = InventoryLinter.lint(inventory, LintRules.kubespray(KubesprayGroups.CURRENT));
        assertThat(current).filteredOn(f -> f.rule().equals("kubespray-required-group")).extracting(LintFinding::subject)
                .containsExactlyInAnyOrder("group kube_control_plane", "group kube_node", "group k8s_cluster");
        assertThat(rule(current, "kubespray-required-group").fix()).contains("rename the group", "2.16");
        assertThat(InventoryLinter.lint(inventory, LintRules.kubespray(KubesprayGroups.LEGACY))).isEmpty();
        assertThat(InventoryLinter.lint(inventory, LintRules.kubespray(KubesprayGroups.TRANSITION)))
                .isNotEmpty().allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.WARNING));
        // The recovery's limit written for the other era names a group that does not exist.
        LintFinding limit = rule(InventoryLinter.lint(inventory, LintRules.kubespray(KubesprayGroups.LEGACY)
                .withLimit("etcd,kube_control_plane")), "limit-undefined");
        assertThat(limit.subject()).isEqualTo("limit kube_control_plane");
    }

    @Test
    void theEraOfACheckoutComesFromItsPlaybooks() throws IOException {
        write("old/cluster.yml", "- hosts: kube-master\n  roles: []\n");
        write("new/cluster.yml", "- import_playbook: playbooks/cluster.yml\n");
        write("new/playbooks/cluster.yml", "- hosts: kube_control_plane\n");
        write("mid/cluster.yml", "- hosts: kube_control_plane\n- import_playbook: legacy_groups.yml\n");
        write("mid/playbooks/legacy_groups.yml", "- hosts: kube-master\n");

        assertThat(KubesprayGroups.detect(dir.resolve("old"))).isEqualTo(KubesprayGroups.LEGACY);
        assertThat(KubesprayGroups.detect(dir.resolve("new"))).isEqualTo(KubesprayGroups.CURRENT);
        assertThat(KubesprayGroups.detect(dir.resolve("mid"))).isEqualTo(KubesprayGroups.TRANSITION);
        assertThat(KubesprayGroups.parse("legacy")).isEqualTo(KubesprayGroups.LEGACY);
        assertThat(KubesprayGroups.parse("auto")).isNull();
    }

    @Test
    void etcdQuotaWithAUnitOrUnderOneGib() throws IOException {
        Path hosts = write("q/hosts.yml", GOOD);
        write("q/group_vars/etcd.yml", "etcd_quota_backend_bytes: 2G\n");
        write("q/group_vars/all/all.yml", "etcd_quota_backend_bytes: 20971520\n");
        write("q/host_vars/node1.yml", "etcd_quota_backend_bytes: \"{{ quota }}\"\n");

        List<LintFinding> findings = InventoryLinter.lint(InventoryLoader.load(hosts), LintRules.kubespray(KubesprayGroups.CURRENT));

        LintFinding unit = rule(findings, "etcd-quota-not-integer");
        assertThat(unit.value()).isEqualTo("2G");
        assertThat(unit.fix()).contains("Write 2147483648");
        LintFinding small = rule(findings, "etcd-quota-under-1gib");
        assertThat(small.value()).contains("20 MiB");
        assertThat(small.fix()).contains("21474836480");
        assertThat(rule(findings, "etcd-quota-templated").severity()).isEqualTo(Severity.INFO);
    }

    @Test
    void cephAnsibleGroups() throws IOException {
        Path hosts = write("ceph/hosts", "[mons]\nc1\nc2\n[mon]\nc3\n[osd]\nc1\n");

        List<LintFinding> findings = InventoryLinter.lint(InventoryLoader.load(hosts), LintRules.of(LintRules.Product.CEPH));

        assertThat(rule(findings, "ceph-even-mons").value()).startsWith("2 monitors");
        assertThat(rule(findings, "ceph-required-group").subject()).isEqualTo("group osds");
        assertThat(rule(findings, "ceph-no-mgrs").severity()).isEqualTo(Severity.WARNING);
        assertThat(findings).filteredOn(f -> f.rule().equals("group-name-typo")).extracting(LintFinding::fix)
                .containsExactlyInAnyOrder("rename the group mon to mons", "rename the group osd to osds");
    }

    @Test
    void undefinedHostsInTheLimitAndInTheOperation() throws IOException {
        Path hosts = write("l/hosts.yml", GOOD.replace("    node3: {etcd_member_name: etcd3}\n", "    node3: {etcd_member_name: etcd3}\n    node4:\n"));

        List<LintFinding> findings = InventoryLinter.lint(InventoryLoader.load(hosts),
                LintRules.kubespray(KubesprayGroups.CURRENT).withLimit("node1,nod2,ghost*").withNodes("nodes", List.of("node9", "node1", "node4")));

        assertThat(findings).filteredOn(f -> f.rule().equals("limit-undefined")).extracting(LintFinding::subject)
                .containsExactly("limit nod2", "limit ghost*");
        assertThat(rule(findings, "limit-undefined").fix()).contains("did you mean node2?");
        assertThat(rule(findings, "node-not-in-inventory").subject()).isEqualTo("host node9");
        assertThat(findings).filteredOn(f -> f.rule().equals("node-not-in-cluster")).extracting(LintFinding::subject).containsExactly("host node4");
    }

    @Test
    void describeIsOneReadableLine() {
        LintFinding finding = new LintFinding(Severity.ERROR, "etcd-even-members", "group etcd", "2 members", null, "even.", "list 3");
        assertThat(finding.describe()).isEqualTo("ERROR etcd-even-members [group etcd = 2 members]: even. Fix: list 3");
    }
}
