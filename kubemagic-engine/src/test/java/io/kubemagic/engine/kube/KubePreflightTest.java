package io.kubemagic.engine.kube;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.kubemagic.engine.InvalidInputException;
import io.kubemagic.engine.KubeMagicException;
import io.kubemagic.engine.OperationContext;
import io.kubemagic.engine.console.SecretValue;
import io.kubemagic.engine.testkit.RecordingConsole;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Pre-flight against the mock API server, the expired API certificate on a local TLS server, and bad kubeconfigs. */
class KubePreflightTest {

    @Test
    void preflightFindsNotReadyCordonedPressureMixedKubeletsBudgetsAndStuckPods() {
        try (MockCluster cluster = new MockCluster("v1.18.3")) {
            cluster.node("master1", true, "v1.18.3");
            cluster.node("compute1", false, "v1.18.3");
            cluster.node("compute2", true, "v1.18.2", "MemoryPressure");
            cluster.client().nodes().withName("compute2").edit(n -> {
                n.getSpec().setUnschedulable(true);
                return n;
            });
            cluster.pod("kubevirt", "virt-launcher-vm1", "compute2", "VirtualMachineInstance/vm1", Map.of("kubevirt.io", "virt-launcher"), false);
            cluster.budget("kubevirt", "kubevirt-disruption-budget-vm1", Map.of("kubevirt.io", "virt-launcher"), 1, 0);
            cluster.budget("web", "web", Map.of("app", "web"), 1, 1);
            cluster.client().pods().inNamespace("web").resource(new PodBuilder().withNewMetadata().withNamespace("web").withName("stuck")
                    .addToFinalizers("example.com/never").endMetadata()
                    .withNewSpec().withNodeName("compute1").endSpec().build()).create();
            cluster.client().pods().inNamespace("web").withName("stuck").delete();
            RecordingConsole console = new RecordingConsole();

            Clock tenMinutesLater = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(10));
            PreflightReport report = new Preflight(new OperationContext("tester", console, null), tenMinutesLater)
                    .run(cluster.target(), null);

            assertThat(report.serverVersion()).isEqualTo("v1.18.3");
            assertThat(report.nodes()).hasSize(3);
            assertThat(report.blocking()).extracting(f -> f.check() + " " + f.subject()).containsExactlyInAnyOrder(
                    "node-ready compute1", "pod-disruption-budget kubevirt/kubevirt-disruption-budget-vm1");
            assertThat(report.blocking()).anySatisfy(f -> assertThat(f.message()).contains("allows 0 disruptions",
                    "virt-launcher-vm1 on compute2", "minAvailable 1"));
            assertThat(report.warnings()).extracting(Finding::check).contains("node-pressure", "node-cordoned", "kubelet-versions",
                    "pod-terminating", "apiserver-certificate");
            assertThat(console.text()).contains("BLOCKING pod-disruption-budget").doesNotContain(MockCluster.TOKEN);
        }
    }

    @Test
    void anExpiredApiServerCertificateIsReadFromTheHandshakeAndBlocks() throws Exception {
        try (ExpiredTlsServer server = new ExpiredTlsServer()) {
            ApiServerCertificate.Info info = ApiServerCertificate.read(java.net.URI.create(server.url()), Duration.ofSeconds(5),
                    Clock.systemUTC());
            assertThat(info.expired()).isTrue();
            assertThat(info.subject()).contains("kube-apiserver");
            assertThat(info.notAfter()).isEqualTo(server.notAfter());

            String kubeconfig = MockCluster.kubeconfig(server.url(), "token: " + MockCluster.TOKEN)
                    .replace("    server: " + server.url(), "    server: " + server.url() + "\n    certificate-authority-data: " + server.caData());
            KubeTarget target = KubeTarget.of(SecretValue.of(kubeconfig), null, Duration.ofSeconds(5));
            PreflightReport report = new Preflight(new OperationContext("tester", new RecordingConsole(), null)).run(target, null);
            assertThat(report.blocking()).anySatisfy(f -> {
                assertThat(f.check()).isEqualTo("apiserver-certificate");
                assertThat(f.message()).contains("expired on " + server.notAfter(), "kubeadm certs renew apiserver");
            }).anySatisfy(f -> assertThat(f.check()).isEqualTo("api"));
        }
    }

    @Test
    void aCertificateCloseToItsEndIsAWarning() throws Exception {
        try (ExpiredTlsServer server = new ExpiredTlsServer()) {
            Clock lastYear = Clock.fixed(server.notAfter().minus(Duration.ofDays(10)), java.time.ZoneOffset.UTC);
            ApiServerCertificate.Info info = ApiServerCertificate.read(java.net.URI.create(server.url()), Duration.ofSeconds(5), lastYear);
            assertThat(info.expired()).isFalse();
            assertThat(info.daysLeft()).isEqualTo(10);
        }
    }

    @Test
    void aBadKubeconfigSaysWhatIsWrongWithoutShowingSecrets() {
        String key = "c2VjcmV0LWtleS1ub3QtcGVt";
        assertThatThrownBy(() -> KubeApi.connect(KubeTarget.of(SecretValue.of("not: [a kubeconfig"), null, Duration.ofSeconds(2))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("is not a kubeconfig");
        assertThatThrownBy(() -> KubeTarget.of(SecretValue.of("  "), null, Duration.ofSeconds(2)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("kubeconfig: is empty");
        String wrongCluster = MockCluster.kubeconfig("https://10.0.0.1:6443", "token: " + MockCluster.TOKEN).replace("cluster: test", "cluster: prod");
        assertThatThrownBy(() -> KubeApi.connect(KubeTarget.of(SecretValue.of(wrongCluster), null, Duration.ofSeconds(2))))
                .hasMessageContaining("context \"admin@test\" names cluster \"prod\", which the kubeconfig does not define (clusters: [test])")
                .hasMessageNotContaining(MockCluster.TOKEN);
        String noServer = MockCluster.kubeconfig("", "token: x").replace("    server: \n", "    insecure-skip-tls-verify: true\n");
        assertThatThrownBy(() -> KubeApi.connect(KubeTarget.of(SecretValue.of(noServer), null, Duration.ofSeconds(2))))
                .hasMessageContaining("cluster \"test\" has no server URL");
        String badKey = MockCluster.kubeconfig("https://10.0.0.1:6443", "client-certificate-data: " + key + "\n    client-key-data: " + key);
        assertThatThrownBy(() -> KubeApi.connect(KubeTarget.of(SecretValue.of(badKey), null, Duration.ofSeconds(2))))
                .hasMessageContaining("client-certificate-data of user \"admin\" is base64 but not PEM").hasMessageNotContaining(key);
        assertThatThrownBy(() -> KubeApi.connect(KubeTarget.of(SecretValue.of(MockCluster.kubeconfig("https://10.0.0.1:6443", "token: x")),
                "other", Duration.ofSeconds(2))))
                .hasMessageContaining("context \"other\" is not in the kubeconfig; its contexts are [admin@test]");
    }

    @Test
    void anUnreachableApiServerIsNamed() {
        KubeTarget target = KubeTarget.of(SecretValue.of(MockCluster.kubeconfig("http://127.0.0.1:1", "token: " + MockCluster.TOKEN)),
                null, Duration.ofSeconds(3));
        try (KubeApi api = KubeApi.connect(target)) {
            assertThatThrownBy(api::serverVersion).isInstanceOf(KubeMagicException.class)
                    .hasMessageContaining("http://127.0.0.1:1").hasMessageContaining("connection refused");
        }
        PreflightReport report = new Preflight(new OperationContext("tester", new RecordingConsole(), null)).run(target, null);
        assertThat(report.blocking()).singleElement().satisfies(f -> assertThat(f.message()).contains("connection refused"));
        assertThat(Instant.now()).isNotNull();
    }
}
