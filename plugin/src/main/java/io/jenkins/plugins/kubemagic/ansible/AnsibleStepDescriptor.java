package io.jenkins.plugins.kubemagic.ansible;

import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.kubemagic.steps.FieldCheck;
import io.jenkins.plugins.kubemagic.steps.FormChecks;
import io.kubemagic.engine.KubeMagicException;
import io.jenkins.plugins.kubemagic.steps.AgentStepDescriptor;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** The form support every playbook step shares: credential lists and field checks, all behind permissions. */
public abstract class AnsibleStepDescriptor extends AgentStepDescriptor {

    @POST
    public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
        return AnsibleAccessForms.sshKeys(item, credentialsId);
    }

    @POST
    public ListBoxModel doFillKnownHostsCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String knownHostsCredentialsId) {
        return AnsibleAccessForms.secretTexts(item, knownHostsCredentialsId);
    }

    @POST
    public ListBoxModel doFillVaultCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String vaultCredentialsId) {
        return AnsibleAccessForms.secretTexts(item, vaultCredentialsId);
    }

    @POST
    public ListBoxModel doFillSecretExtraVarsCredentialsIdItems(@AncestorInPath Item item,
                                                                @QueryParameter String secretExtraVarsCredentialsId) {
        return AnsibleAccessForms.secretTexts(item, secretExtraVarsCredentialsId);
    }

    @POST
    public FormValidation doCheckExtraVars(@AncestorInPath Item item, @QueryParameter String value) {
        return FormChecks.check(item, () -> extraVars(value));
    }

    @POST
    public FormValidation doCheckHostKeyChecking(@AncestorInPath Item item, @QueryParameter boolean value) {
        return AnsibleAccessForms.checkHostKeyChecking(item, value);
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
