package io.kubemagic.engine.kube;

import io.kubemagic.engine.InvalidInputException;
import io.kubemagic.engine.OperationContext;
import io.kubemagic.engine.testkit.RecordingConsole;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Cordon, uncordon and drain against the mock API server in CRUD mode, evictions included. */
class KubeNodeOperationsTest {
    MockCluster cluster;
    RecordingConsole console;
    NodeOperations operations;

    @BeforeEach
    void start() {
        cluster = new MockCluster("v1.18.3");
        console = new RecordingConsole();
        operations = new NodeOperations(new OperationContext("tester", console, null));
        cluster.node("compute1", true, "v1.18.3");
        cluster.node("compute2", true, "v1.18.3");
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    static DrainOptions quick() {
        return DrainOptions.defaults().withTimeout(Duration.ofSeconds(2)).withRetryInterval(Duration.ofMillis(200));
    }

    @Test
    void cordonAndUncordon() {
        NodeReport cordon = operations.cordon(cluster.target(), "compute1");
        assertThat(cordon.completed()).isTrue();
        assertThat(cordon.wasCordoned()).isFalse();
        assertThat(cluster.client().nodes().withName("compute1").get().getSpec().getUnschedulable()).isTrue();
        assertThat(operations.cordon(cluster.target(), "compute1").wasCordoned()).isTrue();
        operations.uncordon(cluster.target(), "compute1");
        assertThat(cluster.client().nodes().withName("compute1").get().getSpec().getUnschedulable()).isNotEqualTo(Boolean.TRUE);
        assertThat(cordon.audit().operation()).isEqualTo("kube.cordon");
        assertThat(console.text()).doesNotContain(MockCluster.TOKEN);
    }

    @Test
    void anUnknownNodeIsNamedWithTheNodesThatExist() {
        assertThatThrownBy(() -> operations.cordon(cluster.target(), "compute9")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("node \"compute9\" does not exist").hasMessageContaining("compute1");
    }

    @Test
    void drainEvictsManagedPodsLeavesDaemonSetsAndDeletesEmptyDirData() {
        cluster.pod("web", "web-1", "compute1", "ReplicaSet/web", Map.of("app", "web"), true);
        cluster.pod("web", "web-2", "compute2", "ReplicaSet/web", Map.of("app", "web"), false);
        cluster.pod("kube-system", "calico-node-x", "compute1", "DaemonSet/calico-node", Map.of("k8s-app", "calico-node"), false);

        NodeReport report = operations.drain(cluster.target(), "compute1", quick());

        assertThat(report.completed()).as(report.failure()).isTrue();
        assertThat(report.evicted()).containsExactly("web/web-1");
        assertThat(report.skipped()).singleElement().asString().contains("calico-node-x", "DaemonSet");
        assertThat(cluster.client().pods().inNamespace("web").withName("web-1").get()).isNull();
        assertThat(cluster.client().pods().inNamespace("web").withName("web-2").get()).isNotNull();
        assertThat(cluster.client().nodes().withName("compute1").get().getSpec().getUnschedulable()).isTrue();
    }

    @Test
    void aPodDisruptionBudgetThatAllowsNoDisruptionBlocksTheDrainAndIsReported() {
        cluster.pod("kubevirt", "virt-launcher-vm1", "compute1", "VirtualMachineInstance/vm1", Map.of("kubevirt.io", "virt-launcher"), false);
        cluster.pod("web", "web-1", "compute1", "ReplicaSet/web", Map.of("app", "web"), false);
        cluster.budget("kubevirt", "kubevirt-disruption-budget-vm1", Map.of("kubevirt.io", "virt-launcher"), 1, 0);

        NodeReport report = operations.drain(cluster.target(), "compute1", quick());

        assertThat(report.completed()).isFalse();
        assertThat(report.evicted()).containsExactly("web/web-1");
        assertThat(report.blocked()).singleElement().satisfies(b -> {
            assertThat(b.pod()).isEqualTo("kubevirt/virt-launcher-vm1");
            assertThat(b.disruptionBudgets()).containsExactly("kubevirt/kubevirt-disruption-budget-vm1");
            assertThat(b.reason()).contains("allows 0 disruption(s)", "minAvailable 1");
        });
        assertThat(report.failure()).contains("timed out after 2s", "kubevirt/virt-launcher-vm1",
                "PodDisruptionBudget kubevirt/kubevirt-disruption-budget-vm1");
        assertThat(console.text()).contains("refused (429)");
        assertThat(report.audit().outcome()).hasToString("FAILURE");
        assertThat(cluster.client().pods().inNamespace("kubevirt").withName("virt-launcher-vm1").get()).isNotNull();
    }

    @Test
    void unmanagedPodsOrEmptyDirDataStopTheDrainUnlessAllowed() {
        cluster.pod("default", "debug", "compute1", null, Map.of(), false);
        cluster.pod("web", "cache-1", "compute1", "ReplicaSet/cache", Map.of("app", "cache"), true);
        DrainOptions strict = new DrainOptions(true, false, false, 30, Duration.ofSeconds(2), Duration.ofMillis(200));

        NodeReport refused = operations.drain(cluster.target(), "compute1", strict);
        assertThat(refused.completed()).isFalse();
        assertThat(refused.evicted()).isEmpty();
        assertThat(refused.failure()).contains("default/debug: not managed by a controller", "web/cache-1: uses emptyDir");

        NodeReport forced = operations.drain(cluster.target(), "compute1",
                new DrainOptions(true, true, true, 30, Duration.ofSeconds(2), Duration.ofMillis(200)));
        assertThat(forced.completed()).as(forced.failure()).isTrue();
        assertThat(forced.evicted()).containsExactlyInAnyOrder("default/debug", "web/cache-1");
    }
}
