package io.kubemagic.engine.site;

import io.kubemagic.engine.InvalidInputException;
import io.kubemagic.engine.site.SiteLayout.Checkout;
import io.kubemagic.engine.testkit.ansible.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SiteLayoutTest {
    @TempDir
    Path root;

    private Path write(String name, String text) {
        return TestFiles.write(root, name, text);
    }

    @Test
    void withoutAFileTheKubeMagicLayoutApplies() throws IOException {
        write("kubespray/inventory/utgb/hosts.yml", "all: {}\n");
        write("kubespray/inventory/sample/hosts.yml", "all: {}\n");
        write("ceph-ansible/hosts", "[mons]\n");
        SiteLayout site = SiteLayout.locate(root, null);

        assertThat(site.source()).isEqualTo("defaults");
        assertThat(site.inventory(Checkout.KUBESPRAY, "utgb")).isEqualTo(root.resolve("kubespray/inventory/utgb/hosts.yml"));
        assertThat(site.inventory(Checkout.CEPH, null)).isEqualTo(root.resolve("ceph-ansible/hosts"));
        assertThat(site.checkout(Checkout.OPENSHIFT)).isEqualTo(root.resolve("openshift-ansible"));
        assertThatThrownBy(() -> site.inventory(Checkout.KUBESPRAY, null)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no inventory name").hasMessageContaining("utgb").hasMessageNotContaining("sample");
        assertThatThrownBy(() -> site.inventory(Checkout.KUBESPRAY, "prod")).hasMessageContaining("does not exist")
                .hasMessageContaining("utgb");
        assertThatThrownBy(() -> site.inventory(Checkout.KUBESPRAY, "../../etc")).hasMessageContaining("not an inventory name");
    }

    @Test
    void theFileMovesCheckoutsAndInventoriesAndRefusesUnknownKeys() throws IOException {
        write("ops/site.yml", """
                defaultInventory: prod
                kubespray: {checkout: ../upstream/kubespray, inventory: "../../inventories/{inventory}/k8s.yaml", groupNames: legacy}
                ceph: {playbook: site-container.yml}
                """);
        write("inventories/prod/k8s.yaml", "all: {}\n");
        SiteLayout site = SiteLayout.locate(root, "ops/site.yml");

        assertThat(site.checkout(Checkout.KUBESPRAY)).isEqualTo(root.resolve("upstream/kubespray"));
        assertThat(site.inventory(Checkout.KUBESPRAY, null)).isEqualTo(root.resolve("inventories/prod/k8s.yaml"));
        assertThat(site.groupNames(Checkout.KUBESPRAY)).isEqualTo("legacy");
        assertThat(site.playbook(Checkout.CEPH)).isEqualTo("site-container.yml");
        assertThat(site.checkout(Checkout.CEPH)).isEqualTo(root.resolve("ops/ceph-ansible"));

        write("typo.yml", "kubespary: {checkout: x}\n");
        assertThatThrownBy(() -> SiteLayout.load(root.resolve("typo.yml"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("unknown key \"kubespary\"").hasMessageContaining("kubespray");
        write("broken.yml", "kubespray: {checkout: x\n");
        assertThatThrownBy(() -> SiteLayout.load(root.resolve("broken.yml"))).hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> SiteLayout.locate(root, "missing.yml")).hasMessageContaining("does not exist");
    }

    @Test
    void theKubesprayInventoryMayBeHostsYamlOrIni() throws IOException {
        write("kubespray/inventory/mycluster/hosts.yaml", "all: {}\n");
        write("kubespray/inventory/old/inventory.ini", "[etcd]\n");
        SiteLayout site = SiteLayout.defaults(root);

        assertThat(site.inventory(Checkout.KUBESPRAY, "mycluster").getFileName().toString()).isEqualTo("hosts.yaml");
        assertThat(site.inventory(Checkout.KUBESPRAY, "old").getFileName().toString()).isEqualTo("inventory.ini");
        assertThat(site.inventoryName(Checkout.CEPH, null)).isEqualTo("ceph-ansible");
    }
}
