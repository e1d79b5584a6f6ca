package io.jenkins.plugins.kubemagic.ansible;

import com.cloudbees.jenkins.plugins.sshcredentials.SSHUserPrivateKey;
import hudson.FilePath;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.kubemagic.steps.CredentialsListing;
import io.jenkins.plugins.kubemagic.steps.FieldCheck;
import io.jenkins.plugins.kubemagic.steps.FormChecks;
import io.kubemagic.engine.KubeMagicException;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

import java.util.Set;

/** The form support every playbook step shares: credential lists and field checks, all behind permissions. */
public abstract class AnsibleStepDescriptor extends StepDescriptor {

    @Override
    public Set<? extends Class<?>> getRequiredContext() {
        return Set.of(Run.class, TaskListener.class, FilePath.class);
    }

    @POST
    public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
        return CredentialsListing.of(item, credentialsId, SSHUserPrivateKey.class);
    }

    @POST
    public ListBoxModel doFillKnownHostsCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String knownHostsCredentialsId) {
        return CredentialsListing.of(item, knownHostsCredentialsId, FileCredentials.class, StringCredentials.class);
    }

    @POST
    public ListBoxModel doFillVaultCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String vaultCredentialsId) {
        return CredentialsListing.of(item, vaultCredentialsId, FileCredentials.class, StringCredentials.class);
    }

    @POST
    public ListBoxModel doFillSecretExtraVarsCredentialsIdItems(@AncestorInPath Item item,
                                                                @QueryParameter String secretExtraVarsCredentialsId) {
        return CredentialsListing.of(item, secretExtraVarsCredentialsId, FileCredentials.class, StringCredentials.class);
    }

    @POST
    public FormValidation doCheckExtraVars(@AncestorInPath Item item, @QueryParameter String value) {
        return FormChecks.check(item, () -> extraVars(value));
    }

    @POST
    public FormValidation doCheckHostKeyChecking(@AncestorInPath Item item, @QueryParameter boolean value) {
        return FormChecks.check(item, () -> value ? FieldCheck.ok()
                : FieldCheck.warning("Host keys will not be checked: a host that impersonates another receives the playbook "
                + "and its variables. Prefer a known_hosts credential."));
    }

    static FieldCheck extraVars(String value) {
        try {
            AnsibleStep.mapping("extraVars", value);
            return FieldCheck.ok();
        } catch (KubeMagicException e) {
            return FieldCheck.error(e.getMessage());
        }
    }
}
