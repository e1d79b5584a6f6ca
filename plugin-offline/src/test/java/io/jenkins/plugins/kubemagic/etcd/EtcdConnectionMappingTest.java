package io.jenkins.plugins.kubemagic.etcd;

import io.jenkins.plugins.kubemagic.credentials.ResolvedCredential;
import io.kubemagic.engine.InvalidInputException;
import io.kubemagic.engine.console.SecretValue;
import io.kubemagic.engine.etcd.EtcdTarget;
import io.kubemagic.engine.etcd.QuotaBytes;
import io.kubemagic.engine.testkit.TestPki;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Step fields and Jenkins credentials to the engine's EtcdTarget: every error names the field. */
class EtcdConnectionMappingTest {
    static TestPki pki;
    static TestPki.Issued client;

    @BeforeAll
    static void pki() {
        pki = TestPki.create("etcd-ca");
        client = pki.client("jenkins");
    }

    private static EtcdStatusStep step() {
        return new EtcdStatusStep();
    }

    @Test
    void endpointsAreParsedAndPlainHttpNeedsNoCredential() {
        EtcdStatusStep step = step();
        step.setEndpoints("http://127.0.0.1:2379, http://127.0.0.2:2379");

        EtcdTarget target = step.target(new Credentials());

        assertThat(target.endpoints()).extracting(Object::toString)
                .containsExactly("http://127.0.0.1:2379", "http://127.0.0.2:2379");
        assertThat(target.tls()).isNull();
        assertThat(step.quota()).isEqualTo(QuotaBytes.ETCD_DEFAULT);
    }

    @Test
    void etcdEnvGivesEndpointsNamesAndQuota() {
        EtcdStatusStep step = step();
        step.setEtcdEnv("ETCD_INITIAL_CLUSTER=etcd1=http://10.0.0.1:2380,etcd2=http://10.0.0.2:2380,etcd3=http://10.0.0.3:2380\n"
                + "ETCD_QUOTA_BACKEND_BYTES=21474836480\n");

        EtcdTarget target = step.target(new Credentials());

        assertThat(target.endpoints()).extracting(Object::toString)
                .containsExactly("http://10.0.0.1:2379", "http://10.0.0.2:2379", "http://10.0.0.3:2379");
        assertThat(target.memberNamesByEndpoint()).containsEntry("http://10.0.0.2:2379", "etcd2");
        assertThat(step.quota()).isEqualTo(21474836480L);
    }

    @Test
    void theQuotaMistakeFromTheNotesIsRefusedWithTheNumberToWrite() {
        EtcdStatusStep step = step();
        step.setEndpoints("http://127.0.0.1:2379");
        step.setQuotaBytes("2G");

        assertThatThrownBy(step::quota).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("quotaBytes: \"2G\"")
                .hasMessageContaining("Write 2147483648 for 2 GiB");
    }

    @Test
    void neitherOrBothClusterFieldsAreRefused() {
        assertThatThrownBy(() -> step().target(new Credentials())).hasMessageStartingWith("endpoints: no cluster given");
        EtcdStatusStep both = step();
        both.setEndpoints("http://127.0.0.1:2379");
        both.setEtcdEnv("ETCD_INITIAL_CLUSTER=a=http://127.0.0.1:2380");
        assertThatThrownBy(() -> both.target(new Credentials())).hasMessageContaining("not both");
    }

    @Test
    void aMissingCredentialNamesTheFieldAndTheId() {
        EtcdStatusStep step = step();
        step.setEndpoints("https://127.0.0.1:2379");
        step.setCredentialsId("etcd-client");

        assertThatThrownBy(() -> step.target(new Credentials()))
                .hasMessageStartingWith("credentialsId: no credentials with id \"etcd-client\"");
    }

    @Test
    void aCredentialOfTheWrongKindSaysWhatWasFoundAndWhatIsExpected() {
        EtcdStatusStep step = step();
        step.setEndpoints("https://127.0.0.1:2379");
        step.setCredentialsId("deploy-key");

        assertThatThrownBy(() -> step.target(new Credentials().with(new ResolvedCredential.Other("deploy-key", "BasicSSHUserPrivateKey"))))
                .hasMessageContaining("\"deploy-key\" are a BasicSSHUserPrivateKey credential")
                .hasMessageContaining("expected a certificate (PKCS#12) credential or a secret file credential or a username/password credential");
    }

    @Test
    void aPkcs12CertificateWithTheCaInItsChainIsEnoughForHttps() {
        EtcdStatusStep step = step();
        step.setEndpoints("https://127.0.0.1:2379");
        step.setCredentialsId("etcd-p12");
        char[] password = "pw".toCharArray();

        EtcdTarget target = step.target(new Credentials().with(new ResolvedCredential.Certificate("etcd-p12",
                client.pkcs12(password, pki.ca().certificate()), SecretValue.of("pw"))));

        assertThat(target.tls().hasClientCertificate()).isTrue();
        assertThat(target.tls().caPem()).contains("BEGIN CERTIFICATE");
        assertThat(target.describe()).containsEntry("tls", "mutual");
    }

    @Test
    void aPemFileCredentialPlusASeparateCaWorks() {
        EtcdStatusStep step = step();
        step.setEndpoints("https://127.0.0.1:2379");
        step.setCredentialsId("etcd-pem");
        step.setCaCredentialsId("etcd-ca");
        Credentials credentials = new Credentials()
                .with(new ResolvedCredential.File("etcd-pem", "client.pem",
                        (client.certificatePem() + client.keyPemPkcs1()).getBytes(StandardCharsets.UTF_8)))
                .with(new ResolvedCredential.File("etcd-ca", "ca.pem", pki.ca().certificatePem().getBytes(StandardCharsets.UTF_8)));

        EtcdTarget target = step.target(credentials);

        assertThat(target.tls().caPem()).isEqualTo(pki.ca().certificatePem());
        assertThat(target.tls().clientKeyPem().reveal()).contains("PRIVATE KEY");
        assertThat(target.tls().clientKeyPem().toString()).isEqualTo("****");
    }

    @Test
    void httpsWithoutAnyCaAsksForTheCaCredential() {
        EtcdStatusStep step = step();
        step.setEndpoints("https://127.0.0.1:2379");
        step.setCredentialsId("etcd-pem");
        Credentials credentials = new Credentials().with(new ResolvedCredential.File("etcd-pem", "client.pem",
                (client.certificatePem() + client.keyPemPkcs8()).getBytes(StandardCharsets.UTF_8)));

        assertThatThrownBy(() -> step.target(credentials)).hasMessageStartingWith("caCredentialsId: the endpoints use https://");
    }

    @Test
    void aUsernamePasswordCredentialBecomesTheEtcdLogin() {
        EtcdStatusStep step = step();
        step.setEndpoints("http://127.0.0.1:2379");
        step.setCredentialsId("etcd-root");

        EtcdTarget target = step.target(new Credentials().with(
                new ResolvedCredential.UsernamePassword("etcd-root", "root", SecretValue.of("hunter2"))));

        assertThat(target.user()).isEqualTo("root");
        assertThat(target.password().reveal()).isEqualTo("hunter2");
        assertThat(target.describe().toString()).doesNotContain("hunter2");
    }

    @Test
    void twoLoginsAreRefused() {
        EtcdStatusStep step = step();
        step.setEndpoints("http://127.0.0.1:2379");
        step.setCredentialsId("etcd-root");
        step.setAuthCredentialsId("etcd-root");
        Credentials credentials = new Credentials().with(
                new ResolvedCredential.UsernamePassword("etcd-root", "root", SecretValue.of("hunter2")));

        assertThatThrownBy(() -> step.target(credentials)).hasMessageStartingWith("authCredentialsId:");
    }

    @Test
    void nonPositiveTimeoutsAreRefusedWhenTheStepRunsNamingTheField() {
        EtcdStatusStep status = step();
        status.setEndpoints("http://127.0.0.1:2379");
        status.setCommandTimeoutSeconds(0);
        assertThatThrownBy(() -> status.target(new Credentials())).hasMessageStartingWith("commandTimeoutSeconds: 0 must be more than 0");

        EtcdDefragStep defrag = new EtcdDefragStep();
        defrag.setEndpoints("http://127.0.0.1:2379");
        defrag.setMemberTimeoutSeconds(-1);
        assertThatThrownBy(() -> defrag.request(new Credentials(), "/ws")).hasMessageStartingWith("memberTimeoutSeconds:");
    }
}
