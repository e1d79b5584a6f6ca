package io.jenkins.plugins.kubemagic.etcd;

import com.cloudbees.plugins.credentials.common.StandardCertificateCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.kubemagic.steps.CredentialsListing;
import io.jenkins.plugins.kubemagic.steps.FormChecks;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import io.jenkins.plugins.kubemagic.steps.AgentStepDescriptor;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** The form support both etcd steps share: credential lists and field checks, all behind permissions. */
public abstract class EtcdStepDescriptor extends AgentStepDescriptor {

    @POST
    public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
        return CredentialsListing.of(item, credentialsId, StandardCertificateCredentials.class, FileCredentials.class,
                StandardUsernamePasswordCredentials.class);
    }

    @POST
    public ListBoxModel doFillCaCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String caCredentialsId) {
        return CredentialsListing.of(item, caCredentialsId, FileCredentials.class, StringCredentials.class);
    }

    @POST
    public ListBoxModel doFillAuthCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String authCredentialsId) {
        return CredentialsListing.of(item, authCredentialsId, StandardUsernamePasswordCredentials.class);
    }

    @POST
    public FormValidation doCheckQuotaBytes(@AncestorInPath Item item, @QueryParameter String value) {
        return FormChecks.check(item, () -> EtcdFieldChecks.quotaBytes(value));
    }

    @POST
    public FormValidation doCheckEndpoints(@AncestorInPath Item item, @QueryParameter String value) {
        return FormChecks.check(item, () -> EtcdFieldChecks.endpoints(value));
    }

    @POST
    public FormValidation doCheckEtcdEnv(@AncestorInPath Item item, @QueryParameter String value) {
        return FormChecks.check(item, () -> EtcdFieldChecks.etcdEnv(value));
    }
}
