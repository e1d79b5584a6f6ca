package io.jenkins.plugins.kubemagic.kube;

import hudson.model.Item;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.kubemagic.steps.CredentialsListing;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import io.jenkins.plugins.kubemagic.steps.AgentStepDescriptor;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** The form support of the steps that talk to the Kubernetes API: the kubeconfig credential list. */
public abstract class KubeStepDescriptor extends AgentStepDescriptor {

    @POST
    public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
        return CredentialsListing.of(item, credentialsId, FileCredentials.class, StringCredentials.class);
    }
}
