package io.jenkins.plugins.kubemagic.ansible;

import com.cloudbees.jenkins.plugins.sshcredentials.SSHUserPrivateKey;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.kubemagic.steps.CredentialsListing;
import io.jenkins.plugins.kubemagic.steps.FieldCheck;
import io.jenkins.plugins.kubemagic.steps.FormChecks;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * The form support of {@link AnsibleAccessFields}, for every descriptor whose step has them: the SSH key,
 * known_hosts and vault password credential lists and the host key opt-out warning. The descriptors'
 * {@code @POST} methods call these; the listing and the check are permission-checked inside.
 */
public final class AnsibleAccessForms {
    private AnsibleAccessForms() {
    }

    public static ListBoxModel sshKeys(Item item, String current) {
        return CredentialsListing.of(item, current, SSHUserPrivateKey.class);
    }

    /** known_hosts content, vault passwords, secret extra vars: secret file or secret text. */
    public static ListBoxModel secretTexts(Item item, String current) {
        return CredentialsListing.of(item, current, FileCredentials.class, StringCredentials.class);
    }

    public static FormValidation checkHostKeyChecking(Item item, boolean value) {
        return FormChecks.check(item, () -> value ? FieldCheck.ok()
                : FieldCheck.warning("Host keys will not be checked: a host that impersonates another receives the playbook "
                + "and its variables. Prefer a known_hosts credential."));
    }
}
