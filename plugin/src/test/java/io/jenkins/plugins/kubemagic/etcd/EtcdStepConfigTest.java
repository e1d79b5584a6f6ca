package io.jenkins.plugins.kubemagic.etcd;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SecretBytes;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import org.jenkinsci.plugins.plaincredentials.impl.FileCredentialsImpl;
import org.jenkinsci.plugins.workflow.steps.StepConfigTester;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

import java.nio.charset.StandardCharsets;

import static io.jenkins.plugins.kubemagic.etcd.JenkinsFixtures.addGlobalCredentials;

/**
 * The snippet generator form (config.jelly with the credentials drop-downs and the advanced
 * section) shows every field and binds it back unchanged, for values other than the defaults.
 */
@WithJenkins
class EtcdStepConfigTest {
    private JenkinsRule j;

    @BeforeEach
    void credentialsTheDropDownsOffer(JenkinsRule j) throws Exception {
        this.j = j;
        addGlobalCredentials(
                new FileCredentialsImpl(CredentialsScope.GLOBAL, "etcd-client-pem", "etcd client certificate and key",
                        "etcd-client.pem", SecretBytes.fromBytes("not read by the form".getBytes(StandardCharsets.UTF_8))),
                new FileCredentialsImpl(CredentialsScope.GLOBAL, "etcd-ca", "etcd CA",
                        "ca.pem", SecretBytes.fromBytes("not read by the form".getBytes(StandardCharsets.UTF_8))),
                new UsernamePasswordCredentialsImpl(CredentialsScope.GLOBAL, "etcd-root", "etcd login", "root",
                        "Form-Roundtrip-Secret-1"));
    }

    @Test
    void etcdStatusRoundTrip() throws Exception {
        EtcdStatusStep step = new EtcdStatusStep();
        step.setEndpoints("https://10.0.0.1:2379,https://10.0.0.2:2379,https://10.0.0.3:2379");
        step.setCredentialsId("etcd-client-pem");
        step.setCaCredentialsId("etcd-ca");
        step.setAuthCredentialsId("etcd-root");
        step.setQuotaBytes("8589934592");
        step.setCommandTimeoutSeconds(45);
        step.setAuditLog("audit/etcd.jsonl");

        EtcdStatusStep after = new StepConfigTester(j).configRoundTrip(step);

        j.assertEqualDataBoundBeans(step, after);
    }

    @Test
    void etcdDefragRoundTrip() throws Exception {
        EtcdDefragStep step = new EtcdDefragStep();
        // One line: a textarea may turn \n into \r\n on submit, which is not what this test is about.
        step.setEtcdEnv("ETCD_INITIAL_CLUSTER=etcd1=https://10.0.0.1:2380,etcd2=https://10.0.0.2:2380,etcd3=https://10.0.0.3:2380");
        step.setCredentialsId("etcd-client-pem");
        step.setCaCredentialsId("etcd-ca");
        step.setAuthCredentialsId("etcd-root");
        step.setQuotaBytes("8589934592");
        step.setCommandTimeoutSeconds(45);
        step.setAuditLog("audit/etcd.jsonl");
        step.setQuotaUsagePercent(75.5);
        step.setReclaimableBytes("67108864");
        step.setForce(true);
        step.setSnapshotFile("backup/etcd.db");
        step.setCompact(false);
        step.setKeepRevisions(1000);
        step.setDisarmAlarms(false);
        step.setVerify(false);
        step.setDryRun(true);
        step.setMemberTimeoutSeconds(300);

        EtcdDefragStep after = new StepConfigTester(j).configRoundTrip(step);

        j.assertEqualDataBoundBeans(step, after);
    }
}
