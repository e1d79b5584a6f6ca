package io.kubemagic.engine.etcd;

import io.kubemagic.engine.KubeMagicException;
import io.kubemagic.engine.OperationContext;
import io.kubemagic.engine.console.SecretValue;
import io.kubemagic.engine.etcd.local.LocalEtcdCluster;
import io.kubemagic.engine.testkit.LeftoverFiles;
import io.kubemagic.engine.testkit.RecordingConsole;
import io.kubemagic.engine.testkit.TestPki;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A real 3-member etcd that requires client certificates, as Kubespray deploys it. */
class EtcdTlsTest {
    @TempDir
    static Path work;
    static TestPki pki;
    static TestPki.Issued client;
    static LocalEtcdCluster cluster;

    @BeforeAll
    static void startCluster() {
        pki = TestPki.create("etcd-ca");
        TestPki.Issued server = pki.server("etcd-server");
        client = pki.client("kube-apiserver-etcd-client");
        TestPki.write(work.resolve("ca.pem"), pki.ca().certificatePem());
        TestPki.write(work.resolve("server.pem"), server.certificatePem());
        TestPki.write(work.resolve("server-key.pem"), server.keyPemPkcs8());
        cluster = LocalEtcdCluster.settings().directory(work.resolve("etcd"))
                .tls(work.resolve("server.pem"), work.resolve("server-key.pem"), work.resolve("ca.pem"), true)
                .start();
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static EtcdTarget target(TlsMaterial tls) {
        return EtcdTarget.builder().endpoints(cluster.clientUrls()).tls(tls).commandTimeout(Duration.ofSeconds(10)).build();
    }

    private static OperationContext context(RecordingConsole console) {
        return new OperationContext("ci", console, work.resolve("audit.jsonl"));
    }

    @Test
    void mutualTlsWithAPkcs1KeyReadsEveryMember() {
        RecordingConsole console = new RecordingConsole();
        TlsMaterial tls = TlsMaterial.of(pki.ca().certificatePem(), client.certificatePem(), SecretValue.of(client.keyPemPkcs1()));

        ClusterStatus status = new EtcdMaintenance(context(console)).status(target(tls), QuotaBytes.ETCD_DEFAULT);

        assertThat(status.members()).hasSize(3).allSatisfy(m -> {
            assertThat(m.reachable()).as(m.error()).isTrue();
            assertThat(m.endpoint()).startsWith("https://127.0.0.1:");
            assertThat(m.version()).startsWith("3.4");
            assertThat(m.memberId()).matches("[0-9a-f]{1,16}");
        });
        assertThat(status.members().stream().filter(MemberStatus::leader)).hasSize(1);
    }

    @Test
    void pkcs12CertificateCredentialWithCaInItsChainWorks() {
        char[] password = "p12-secret".toCharArray();
        TlsMaterial tls = TlsMaterials.fromKeyStore("credentialsId", client.pkcs12(password, pki.ca().certificate()), password, null);

        ClusterStatus status = new EtcdMaintenance(context(new RecordingConsole())).status(target(tls), QuotaBytes.ETCD_DEFAULT);

        assertThat(status.unreachable()).isEmpty();
    }

    @Test
    void pemBundleWithCertificateKeyAndCaWorks() {
        String bundle = client.certificatePem() + client.keyPemPkcs1() + pki.ca().certificatePem();
        TlsMaterial tls = TlsMaterials.fromPemBundle("credentialsId", bundle, null);

        assertThat(new EtcdMaintenance(context(new RecordingConsole())).members(target(tls))).hasSize(3);
    }

    @Test
    void wrongCaIsNamedAsSuchAndNotAsATimeout() {
        TestPki other = TestPki.create("someone-elses-ca");
        TlsMaterial tls = TlsMaterial.of(other.ca().certificatePem(), client.certificatePem(), SecretValue.of(client.keyPemPkcs8()));

        Instant start = Instant.now();
        assertThatThrownBy(() -> new EtcdMaintenance(context(new RecordingConsole())).members(target(tls)))
                .isInstanceOf(KubeMagicException.class)
                .hasMessageContaining("not signed by the CA given")
                .hasMessageNotContaining("timeout");
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void missingClientCertificateIsNamedAsSuch() {
        TlsMaterial tls = TlsMaterial.serverOnly(pki.ca().certificatePem());

        assertThatThrownBy(() -> new EtcdMaintenance(context(new RecordingConsole())).members(target(tls)))
                .isInstanceOf(KubeMagicException.class)
                .hasMessageContaining("requires a client certificate")
                .hasMessageNotContaining("timeout");
    }

    @Test
    void clientCertificateFromAnotherCaIsRefusedWithThatReason() {
        TestPki other = TestPki.create("rogue");
        TestPki.Issued rogue = other.client("rogue-client");
        TlsMaterial tls = TlsMaterial.of(pki.ca().certificatePem(), rogue.certificatePem(), SecretValue.of(rogue.keyPemPkcs8()));

        assertThatThrownBy(() -> new EtcdMaintenance(context(new RecordingConsole())).members(target(tls)))
                .hasMessageContaining("refused the client certificate");
    }

    @Test
    void theClientKeyAppearsInNoOutputAuditOrLeftoverFile() throws Exception {
        RecordingConsole console = new RecordingConsole();
        String key = client.keyPemPkcs8();
        TlsMaterial tls = TlsMaterial.of(pki.ca().certificatePem(), client.certificatePem(), SecretValue.of(key));
        Path audit = work.resolve("secrets-audit.jsonl");
        Instant start = Instant.now().minusSeconds(1);
        OperationContext context = new OperationContext("ci", console, audit);

        new DefragRunner(context).run(DefragRequest.builder(target(tls)).dryRun(true).build());
        try {
            new EtcdMaintenance(context).removeMember(target(tls), "no-such-member", false);
        } catch (KubeMagicException expected) {
            assertThat(expected.getMessage()).doesNotContain("PRIVATE KEY");
        }

        String keyBody = key.lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
        assertThat(console.text()).doesNotContain(keyBody);
        assertThat(Files.readString(audit)).doesNotContain(keyBody).contains("\"tls\":\"mutual\"");
        assertThat(LeftoverFiles.containing(Path.of(System.getProperty("java.io.tmpdir")), keyBody, start)).isEmpty();
    }
}
