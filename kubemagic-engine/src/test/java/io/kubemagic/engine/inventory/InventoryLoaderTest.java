package io.kubemagic.engine.inventory;

import io.kubemagic.engine.InvalidInputException;
import io.kubemagic.engine.testkit.ansible.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InventoryLoaderTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) {
        return TestFiles.write(dir, name, text);
    }

    @Test
    void yamlInventoryWithChildrenAndGroupVarsDirectories() throws IOException {
        Path hosts = write("inventory/utgb/hosts.yml", """
                all:
                  hosts:
                    node1: {ansible_host: 10.0.0.1, etcd_member_name: etcd1}
                    node2:
                    node[3:4]:
                  children:
                    kube_control_plane:
                      hosts: {node1: , node2: }
                    etcd:
                      hosts:
                        node1:
                    kube_node:
                      hosts:
                        node[3:4]:
                    k8s_cluster:
                      children:
                        kube_control_plane:
                        kube_node:
                """);
        write("inventory/utgb/group_vars/all/all.yml", "bin_dir: /usr/local/bin\n");
        write("inventory/utgb/group_vars/k8s_cluster/k8s-cluster.yml", "kube_version: v1.18.3\n");
        write("inventory/utgb/group_vars/etcd.yml", "etcd_quota_backend_bytes: 2147483648\n");
        write("inventory/utgb/host_vars/node2.yaml", "etcd_member_name: etcd2\n");
        write("inventory/utgb/group_vars/secret.yml", "$ANSIBLE_VAULT;1.1;AES256\n3132\n");

        Inventory inventory = InventoryLoader.load(hosts);

        assertThat(inventory.hosts()).containsExactly("node1", "node2", "node3", "node4");
        assertThat(inventory.hostsOf("k8s_cluster")).containsExactly("node1", "node2", "node3", "node4");
        assertThat(inventory.hostsOf("etcd")).containsExactly("node1");
        assertThat(inventory.inlineHostVars("node1")).containsEntry("ansible_host", "10.0.0.1");
        assertThat(inventory.definitions("etcd_quota_backend_bytes")).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo("group_vars");
            assertThat(d.owner()).isEqualTo("etcd");
            assertThat(d.value()).isEqualTo(2147483648L);
        });
        assertThat(inventory.definitions("kube_version")).singleElement().satisfies(d -> assertThat(d.owner()).isEqualTo("k8s_cluster"));
        assertThat(inventory.definitions("etcd_member_name")).extracting(Inventory.VariableDefinition::kind)
                .containsExactly("host", "host_vars");
        assertThat(inventory.notes()).singleElement().asString().contains("secret.yml", "ansible-vault");
    }

    @Test
    void iniInventoryWithRangesChildrenVarsAndQuotes() throws IOException {
        Path hosts = write("ceph-ansible/hosts", """
                # ceph-ansible
                lonely ansible_host=10.0.0.9

                [mons]
                mon[01:03].example.com ansible_user=ceph note="two words"

                [osds]
                osd-[a:c] # comment
                [storage:children]
                mons
                osds
                [storage:vars]
                monitor_interface=eth0
                osd_count=3
                """);

        Inventory inventory = InventoryLoader.load(hosts);

        assertThat(inventory.hostsOf("mons")).containsExactly("mon01.example.com", "mon02.example.com", "mon03.example.com");
        assertThat(inventory.hostsOf("osds")).containsExactly("osd-a", "osd-b", "osd-c");
        assertThat(inventory.hostsOf("storage")).hasSize(6);
        assertThat(inventory.hostsOf("ungrouped")).containsExactly("lonely");
        assertThat(inventory.inlineHostVars("mon02.example.com")).containsEntry("note", "two words").containsEntry("ansible_user", "ceph");
        assertThat(inventory.groups().get("storage").vars()).containsEntry("osd_count", 3L).containsEntry("monitor_interface", "eth0");
    }

    @Test
    void ansibleVaultTagsAndJinjaAreKeptAsText() throws IOException {
        Path hosts = write("inv/hosts.yml", "all:\n  hosts:\n    a:\n");
        write("inv/group_vars/all.yml", """
                kube_api_pwd: "{{ lookup('password', credentials_dir + '/kube_user.creds') }}"
                vaulted: !vault |
                  $ANSIBLE_VAULT;1.1;AES256
                  6162636465
                """);

        Inventory inventory = InventoryLoader.load(hosts);

        assertThat(inventory.definitions("vaulted")).singleElement().satisfies(d -> assertThat(String.valueOf(d.value())).contains("ANSIBLE_VAULT"));
        assertThat(inventory.definitions("kube_api_pwd")).hasSize(1);
    }

    @Test
    void aYamlSyntaxErrorNamesTheFileAndLine() throws IOException {
        Path hosts = write("inv/hosts.yml", "all:\n  hosts:\n    node1: {ansible_host: 10.0.0.1\n    node2:\n");

        assertThatThrownBy(() -> InventoryLoader.load(hosts))
                .isInstanceOf(SafeYaml.YamlSyntaxException.class)
                .hasMessageContaining("hosts.yml").hasMessageContaining("line").hasMessageContaining("not valid YAML");
    }

    @Test
    void aliasesAreNeverExpandedAndDeepNestingIsRefused() throws IOException {
        StringBuilder bomb = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            String prev = "*" + (char) (c - 1);
            bomb.append(c).append(": &").append(c).append(" [").append(String.join(",", java.util.Collections.nCopies(9, prev))).append("]\n");
        }
        Path hosts = write("inv/hosts.yml", "all:\n  hosts:\n    a:\n");
        write("inv/group_vars/all.yml", bomb.toString());

        Instant start = Instant.now();
        Inventory inventory = InventoryLoader.load(hosts);
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(2));
        assertThat(String.valueOf(inventory.definitions("j").get(0).value()).length()).isLessThan(200);

        write("deep/hosts.yml", "all:\n  hosts:\n    a:\n");
        write("deep/group_vars/all.yml", "x: " + "[".repeat(SafeYaml.MAX_DEPTH + 10) + "]".repeat(SafeYaml.MAX_DEPTH + 10) + "\n");
        assertThatThrownBy(() -> InventoryLoader.load(dir.resolve("deep/hosts.yml"))).isInstanceOf(SafeYaml.YamlSyntaxException.class);
    }

    @Test
    void unsupportedStructuresAreExplained() throws IOException {
        Path misplaced = write("a/hosts.yml", "all:\n  node1:\n    ansible_host: 1.2.3.4\n");
        assertThatThrownBy(() -> InventoryLoader.load(misplaced)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("node1").hasMessageContaining("only hosts, children and vars");
        Path badIni = write("b/hosts", "[mons:child]\nmon1\n");
        assertThatThrownBy(() -> InventoryLoader.load(badIni)).hasMessageContaining("line 1");
        assertThatThrownBy(() -> InventoryLoader.load(dir.resolve("missing.yml"))).hasMessageContaining("does not exist");
    }

    @Test
    void anInventoryDirectoryReadsEveryFileInIt() throws IOException {
        write("dir/01-hosts.ini", "[etcd]\ne1\n");
        write("dir/02-more.yml", "all:\n  children:\n    etcd:\n      hosts:\n        e2:\n");
        write("dir/group_vars/etcd.yml", "x: 1\n");
        write("dir/README.md", "not an inventory\n");

        Inventory inventory = InventoryLoader.load(dir.resolve("dir"));

        assertThat(inventory.hostsOf("etcd")).containsExactly("e1", "e2");
        assertThat(inventory.definitions("x")).hasSize(1);
    }

    @Test
    void hostPatternsOfLimit() throws IOException {
        Inventory inventory = InventoryLoader.load(write("p/hosts", "[etcd]\nn1\nn2\nn3\n[kube_node]\nn3\nn4\nweb1\n"));

        assertThat(HostPattern.select(inventory, "etcd,kube_node")).containsExactly("n1", "n2", "n3", "n4", "web1");
        assertThat(HostPattern.select(inventory, "etcd:&kube_node")).containsExactly("n3");
        assertThat(HostPattern.select(inventory, "all:!etcd")).containsExactly("n4", "web1");
        assertThat(HostPattern.select(inventory, "n*")).containsExactly("n1", "n2", "n3", "n4");
        assertThat(HostPattern.select(inventory, "~web\\d")).containsExactly("web1");
        List<HostPattern.Term> terms = HostPattern.terms(inventory, "etcd,kube-master");
        assertThat(terms.get(1).matched()).isEmpty();
    }

    @Test
    void fiveHundredHostsLoadAndLintWellUnderASecond() throws IOException {
        StringBuilder yaml = new StringBuilder("all:\n  hosts:\n");
        for (int i = 1; i <= 500; i++) {
            yaml.append("    node").append(i).append(":\n      ansible_host: 10.0.").append(i / 250).append('.').append(i % 250 + 1).append('\n');
        }
        yaml.append("  children:\n    etcd:\n      hosts:\n        node1:\n        node2:\n        node3:\n");
        yaml.append("    kube_control_plane:\n      hosts:\n        node1:\n        node2:\n        node3:\n");
        yaml.append("    kube_node:\n      hosts:\n");
        for (int i = 4; i <= 500; i++) {
            yaml.append("        node").append(i).append(":\n");
        }
        yaml.append("    k8s_cluster:\n      children:\n        kube_control_plane:\n        kube_node:\n");
        Path hosts = write("big/hosts.yml", yaml.toString());
        write("big/group_vars/etcd.yml", "etcd_quota_backend_bytes: 8589934592\n");
        InventoryLinter.lint(InventoryLoader.load(hosts), LintRules.kubespray(KubesprayGroups.CURRENT)); // warm-up

        Instant start = Instant.now();
        Inventory inventory = InventoryLoader.load(hosts);
        List<LintFinding> findings = InventoryLinter.lint(inventory, LintRules.kubespray(KubesprayGroups.CURRENT).withLimit("kube_node:!node4"));

        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(1));
        assertThat(inventory.hosts()).hasSize(500);
        assertThat(findings).isEmpty();
    }
}
