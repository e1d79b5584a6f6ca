package io.jenkins.plugins.kubemagic.etcd;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SecretBytes;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import hudson.model.Item;
import hudson.model.User;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.util.FormValidation;
import hudson.util.Secret;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.impl.FileCredentialsImpl;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.jenkins.plugins.kubemagic.etcd.JenkinsFixtures.addGlobalCredentials;
import static io.jenkins.plugins.kubemagic.etcd.JenkinsFixtures.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The form methods of both steps answer according to the caller's permissions: credential ids only
 * to those who may configure the job, field checks only to those who could act on them.
 */
@WithJenkins
class EtcdFormSecurityTest {
    private JenkinsRule j;
    private WorkflowJob job;
    private List<EtcdStepDescriptor> descriptors;

    @BeforeEach
    void securedJenkins(JenkinsRule j) throws Exception {
        this.j = j;
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        job = j.createProject(WorkflowJob.class, "etcd-maintenance");
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER).everywhere().to("admin")
                .grant(Jenkins.READ).everywhere().to("reader", "configurer")
                .grant(Item.READ).onItems(job).to("reader")
                .grant(Item.READ, Item.CONFIGURE).onItems(job).to("configurer"));
        addGlobalCredentials(
                new UsernamePasswordCredentialsImpl(CredentialsScope.GLOBAL, "etcd-root", "etcd login", "root",
                        "Form-Security-Secret-1"),
                new FileCredentialsImpl(CredentialsScope.GLOBAL, "etcd-client-pem", "etcd client certificate",
                        "etcd-client.pem", SecretBytes.fromBytes("pem".getBytes(StandardCharsets.UTF_8))),
                new StringCredentialsImpl(CredentialsScope.GLOBAL, "etcd-ca-text", "etcd CA as secret text",
                        Secret.fromString("ca")));
        descriptors = List.of(
                j.jenkins.getDescriptorByType(EtcdStatusStep.DescriptorImpl.class),
                j.jenkins.getDescriptorByType(EtcdDefragStep.DescriptorImpl.class));
    }

    private static ACLContext as(String user) {
        return ACL.as2(User.getById(user, true).impersonate2());
    }

    @Test
    void aReaderSeesOnlyTheCurrentValueAndNoFieldCheck() {
        for (EtcdStepDescriptor descriptor : descriptors) {
            try (ACLContext ignored = as("reader")) {
                assertEquals(List.of("etcd-root"), values(descriptor.doFillCredentialsIdItems(job, "etcd-root")));
                assertEquals(List.of(), values(descriptor.doFillCredentialsIdItems(job, "")));
                assertEquals(List.of(), values(descriptor.doFillCaCredentialsIdItems(job, null)));
                assertEquals(List.of(), values(descriptor.doFillAuthCredentialsIdItems(job, null)));
                assertEquals(FormValidation.Kind.OK, descriptor.doCheckQuotaBytes(job, "2G").kind);
                assertEquals(FormValidation.Kind.OK, descriptor.doCheckQuotaBytes(null, "2G").kind);
                assertEquals(FormValidation.Kind.OK, descriptor.doCheckEndpoints(job, "not a url").kind);
            }
        }
    }

    @Test
    void whoMayConfigureTheJobGetsTheChecksOfThatJob() {
        for (EtcdStepDescriptor descriptor : descriptors) {
            try (ACLContext ignored = as("configurer")) {
                FormValidation unit = descriptor.doCheckQuotaBytes(job, "2G");
                assertEquals(FormValidation.Kind.ERROR, unit.kind);
                assertTrue(unit.renderHtml().contains("Write 2147483648"), unit.renderHtml());
                assertEquals(FormValidation.Kind.WARNING, descriptor.doCheckQuotaBytes(job, "16777216").kind);
                assertEquals(FormValidation.Kind.OK, descriptor.doCheckQuotaBytes(job, "2147483648").kind);
                // Without a job the check needs Administer, which this user does not have.
                assertEquals(FormValidation.Kind.OK, descriptor.doCheckQuotaBytes(null, "2G").kind);
                assertTrue(values(descriptor.doFillCredentialsIdItems(job, null)).contains("etcd-root"));
            }
        }
    }

    @Test
    void anAdministratorSeesTheCredentialsOfTheRightKinds() {
        for (EtcdStepDescriptor descriptor : descriptors) {
            try (ACLContext ignored = as("admin")) {
                List<String> client = values(descriptor.doFillCredentialsIdItems(job, null));
                assertTrue(client.containsAll(List.of("", "etcd-root", "etcd-client-pem")), client::toString);
                assertFalse(client.contains("etcd-ca-text"), client::toString);

                List<String> ca = values(descriptor.doFillCaCredentialsIdItems(job, null));
                assertTrue(ca.containsAll(List.of("", "etcd-client-pem", "etcd-ca-text")), ca::toString);
                assertFalse(ca.contains("etcd-root"), ca::toString);

                List<String> auth = values(descriptor.doFillAuthCredentialsIdItems(job, null));
                assertEquals(List.of("", "etcd-root"), auth);

                assertEquals(FormValidation.Kind.ERROR, descriptor.doCheckQuotaBytes(null, "2G").kind);
            }
        }
    }
}
