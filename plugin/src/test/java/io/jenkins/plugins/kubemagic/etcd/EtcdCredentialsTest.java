package io.jenkins.plugins.kubemagic.etcd;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SecretBytes;
import com.cloudbees.plugins.credentials.impl.CertificateCredentialsImpl;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import hudson.model.Fingerprint;
import io.kubemagic.engine.etcd.local.LocalEtcdCluster;
import io.kubemagic.engine.testkit.EtcdAuth;
import io.kubemagic.engine.testkit.TestPki;
import org.jenkinsci.plugins.plaincredentials.impl.FileCredentialsImpl;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;

import static io.jenkins.plugins.kubemagic.etcd.JenkinsFixtures.addGlobalCredentials;
import static io.jenkins.plugins.kubemagic.etcd.JenkinsFixtures.assertNoBuildFileContains;
import static io.jenkins.plugins.kubemagic.etcd.JenkinsFixtures.pemBody;
import static io.jenkins.plugins.kubemagic.etcd.JenkinsFixtures.sandboxedPipeline;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real Jenkins credentials, looked up by id for the build, against real clusters: an etcd login on a
 * cluster with authentication on, and a client certificate (PEM file, PKCS#12 upload) on a cluster
 * that requires mutual TLS. No secret may reach the build log or the build's files.
 */
@WithJenkins
class EtcdCredentialsTest {
    private static final String ROOT_PASSWORD = "Root-Login-Secret-7391";
    private static final String KEYSTORE_PASSWORD = "Keystore-Secret-5520";

    @TempDir
    static Path work;
    static LocalEtcdCluster authCluster;
    static LocalEtcdCluster tlsCluster;
    static TestPki pki;
    static TestPki.Issued client;

    @BeforeAll
    static void startClusters() {
        authCluster = LocalEtcdCluster.settings().directory(work.resolve("auth")).start();
        EtcdAuth.enableRoot(authCluster, ROOT_PASSWORD);

        pki = TestPki.create("etcd-ca");
        TestPki.Issued server = pki.server("etcd-server");
        client = pki.client("jenkins-etcd-client");
        TestPki.write(work.resolve("ca.pem"), pki.ca().certificatePem());
        TestPki.write(work.resolve("server.pem"), server.certificatePem());
        TestPki.write(work.resolve("server-key.pem"), server.keyPemPkcs8());
        tlsCluster = LocalEtcdCluster.settings().directory(work.resolve("tls"))
                .tls(work.resolve("server.pem"), work.resolve("server-key.pem"), work.resolve("ca.pem"), true)
                .start();
    }

    @AfterAll
    static void stopClusters() {
        try {
            if (authCluster != null) {
                authCluster.close();
            }
        } finally {
            if (tlsCluster != null) {
                tlsCluster.close();
            }
        }
    }

    @Test
    void aUsernamePasswordCredentialLogsIntoEtcdAndIsTracked(JenkinsRule j) throws Exception {
        UsernamePasswordCredentialsImpl login = new UsernamePasswordCredentialsImpl(CredentialsScope.GLOBAL,
                "etcd-root", "etcd root login", "root", ROOT_PASSWORD);
        addGlobalCredentials(login);
        WorkflowJob job = sandboxedPipeline(j, "etcd-login", """
                node {
                  def members = etcdStatus(endpoints: '@ENDPOINTS@', credentialsId: 'etcd-root')
                  echo "login: members=${members.size()} reachable=${members.every { it.reachable }}"
                  def plan = etcdDefrag(endpoints: '@ENDPOINTS@', credentialsId: 'etcd-root', dryRun: true)
                  echo "login: dryRun=${plan.dryRun} completed=${plan.completed} planned=${plan.plan.size()}"
                }
                """.replace("@ENDPOINTS@", authCluster.endpoints()));

        WorkflowRun build = j.buildAndAssertSuccess(job);

        j.assertLogContains("login: members=3 reachable=true", build);
        j.assertLogContains("login: dryRun=true completed=true planned=3", build);
        j.assertLogNotContains(ROOT_PASSWORD, build);
        assertNoBuildFileContains(build, ROOT_PASSWORD);
        Fingerprint fingerprint = CredentialsProvider.getFingerprintOf(login);
        assertNotNull(fingerprint, "the use of the credential was tracked");
        assertTrue(fingerprint.getJobs().contains(job.getFullName()), "jobs: " + fingerprint.getJobs());
        assertTrue(fingerprint.getRangeSet(job).includes(build.getNumber()));
    }

    @Test
    void aPemFileWithCertificateKeyAndCaIsAClientCertificate(JenkinsRule j) throws Exception {
        String bundle = client.certificatePem() + client.keyPemPkcs1() + pki.ca().certificatePem();
        FileCredentialsImpl pem = new FileCredentialsImpl(CredentialsScope.GLOBAL, "etcd-client-pem",
                "etcd client certificate, key and CA", "etcd-client.pem", SecretBytes.fromBytes(bundle.getBytes(StandardCharsets.UTF_8)));
        addGlobalCredentials(pem);
        WorkflowJob job = sandboxedPipeline(j, "etcd-pem", """
                node {
                  def members = etcdStatus(endpoints: '@ENDPOINTS@', credentialsId: 'etcd-client-pem')
                  echo "pem: members=${members.size()} reachable=${members.every { it.reachable }}"
                }
                """.replace("@ENDPOINTS@", tlsCluster.endpoints()));

        WorkflowRun build = j.buildAndAssertSuccess(job);

        j.assertLogContains("pem: members=3 reachable=true", build);
        for (String keyText : new String[] {pemBody(client.keyPemPkcs1()), pemBody(client.keyPemPkcs8())}) {
            j.assertLogNotContains(keyText, build);
            assertNoBuildFileContains(build, keyText);
        }
        j.assertLogNotContains("PRIVATE KEY", build);
        Fingerprint fingerprint = CredentialsProvider.getFingerprintOf(pem);
        assertNotNull(fingerprint, "the use of the credential was tracked");
        assertTrue(fingerprint.getJobs().contains(job.getFullName()), "jobs: " + fingerprint.getJobs());
    }

    @Test
    void anUploadedPkcs12KeystoreIsAClientCertificate(JenkinsRule j) throws Exception {
        char[] password = KEYSTORE_PASSWORD.toCharArray();
        KeyStore keyStore = client.pkcs12(password, pki.ca().certificate());
        ByteArrayOutputStream p12 = new ByteArrayOutputStream();
        keyStore.store(p12, password);
        CertificateCredentialsImpl certificate = new CertificateCredentialsImpl(CredentialsScope.GLOBAL, "etcd-client-p12",
                "etcd client keystore", KEYSTORE_PASSWORD,
                new CertificateCredentialsImpl.UploadedKeyStoreSource(null, SecretBytes.fromBytes(p12.toByteArray())));
        addGlobalCredentials(certificate);
        WorkflowJob job = sandboxedPipeline(j, "etcd-p12", """
                node {
                  def members = etcdStatus(endpoints: '@ENDPOINTS@', credentialsId: 'etcd-client-p12')
                  echo "p12: members=${members.size()} reachable=${members.every { it.reachable }}"
                  def plan = etcdDefrag(endpoints: '@ENDPOINTS@', credentialsId: 'etcd-client-p12', dryRun: true)
                  echo "p12: dryRun=${plan.dryRun} completed=${plan.completed}"
                }
                """.replace("@ENDPOINTS@", tlsCluster.endpoints()));

        WorkflowRun build = j.buildAndAssertSuccess(job);

        j.assertLogContains("p12: members=3 reachable=true", build);
        j.assertLogContains("p12: dryRun=true completed=true", build);
        for (String secret : new String[] {KEYSTORE_PASSWORD, pemBody(client.keyPemPkcs8())}) {
            j.assertLogNotContains(secret, build);
            assertNoBuildFileContains(build, secret);
        }
        Fingerprint fingerprint = CredentialsProvider.getFingerprintOf(certificate);
        assertNotNull(fingerprint, "the use of the credential was tracked");
        assertTrue(fingerprint.getJobs().contains(job.getFullName()), "jobs: " + fingerprint.getJobs());
    }
}
