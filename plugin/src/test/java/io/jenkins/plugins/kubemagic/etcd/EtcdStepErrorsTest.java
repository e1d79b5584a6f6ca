package io.jenkins.plugins.kubemagic.etcd;

import com.cloudbees.plugins.credentials.CredentialsScope;
import hudson.model.Result;
import hudson.util.Secret;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

import static io.jenkins.plugins.kubemagic.etcd.JenkinsFixtures.addGlobalCredentials;
import static io.jenkins.plugins.kubemagic.etcd.JenkinsFixtures.sandboxedPipeline;

/**
 * Mistakes in a Jenkinsfile fail the build with the engine's message as the build's error, and
 * nothing else: no stack trace, no exception class. None of these reach etcd, so no cluster runs.
 */
@WithJenkins
class EtcdStepErrorsTest {

    private static WorkflowRun failingBuild(JenkinsRule j, String name, String step) throws Exception {
        WorkflowRun build = j.buildAndAssertStatus(Result.FAILURE, sandboxedPipeline(j, name, "node {\n  " + step + "\n}\n"));
        j.assertLogNotContains("\tat ", build);
        j.assertLogNotContains("Exception", build);
        return build;
    }

    @Test
    void anUnknownCredentialsIdNamesTheFieldAndTheId(JenkinsRule j) throws Exception {
        WorkflowRun build = failingBuild(j, "unknown-credential",
                "etcdStatus(endpoints: 'https://127.0.0.1:2379', credentialsId: 'no-such-credential')");

        j.assertLogContains("ERROR: credentialsId: no credentials with id \"no-such-credential\"", build);
    }

    @Test
    void aCredentialOfTheWrongKindSaysWhatWasFoundAndWhatIsExpected(JenkinsRule j) throws Exception {
        String token = "Token-Secret-8812";
        addGlobalCredentials(new StringCredentialsImpl(CredentialsScope.GLOBAL, "etcd-token", "not a certificate",
                Secret.fromString(token)));

        WorkflowRun build = failingBuild(j, "wrong-kind",
                "etcdDefrag(endpoints: 'https://127.0.0.1:2379', credentialsId: 'etcd-token', dryRun: true)");

        j.assertLogContains("credentialsId: credentials \"etcd-token\" are a secret text credential; "
                + "expected a certificate (PKCS#12) credential or a secret file credential or a username/password credential", build);
        j.assertLogNotContains(token, build);
    }

    @Test
    void aQuotaWithAUnitIsRefusedWithTheNumberToWrite(JenkinsRule j) throws Exception {
        WorkflowRun status = failingBuild(j, "quota-status",
                "etcdStatus(endpoints: 'http://127.0.0.1:2379', quotaBytes: '2G')");
        j.assertLogContains("ERROR: quotaBytes: \"2G\"", status);
        j.assertLogContains("Write 2147483648", status);

        WorkflowRun defrag = failingBuild(j, "quota-defrag",
                "etcdDefrag(endpoints: 'http://127.0.0.1:2379', quotaBytes: '2G', dryRun: true)");
        j.assertLogContains("Write 2147483648", defrag);
    }
}
