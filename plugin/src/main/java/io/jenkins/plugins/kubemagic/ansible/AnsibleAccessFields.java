package io.jenkins.plugins.kubemagic.ansible;

import io.jenkins.plugins.kubemagic.credentials.CredentialResolver;
import io.jenkins.plugins.kubemagic.credentials.ResolvedCredential;
import io.kubemagic.engine.InvalidInputException;
import io.kubemagic.engine.ansible.AnsibleOptions;
import io.kubemagic.engine.ansible.SshAccess;
import io.kubemagic.engine.console.SecretValue;

/**
 * How a step's playbooks reach the hosts, shared by the playbook steps and {@code kubesprayUpgrade}:
 * the SSH key credential (and the remote user), the known_hosts credential or the explicit host key
 * opt-out, become, and the vault password. The steps keep their own {@code @DataBoundSetter}s (the
 * SSH key field is {@code credentialsId} in the playbook steps, {@code sshCredentialsId} in
 * {@code kubesprayUpgrade}, whose {@code credentialsId} is the kubeconfig) and delegate here.
 */
public final class AnsibleAccessFields {
    private String keyCredentialsId;
    private String user;
    private String knownHostsCredentialsId;
    private boolean hostKeyChecking = true;
    private boolean become;
    private String becomeUser;
    private String vaultCredentialsId;

    public String getKeyCredentialsId() { return keyCredentialsId; }
    public void setKeyCredentialsId(String id) { this.keyCredentialsId = blankToNull(id); }
    public String getUser() { return user; }
    public void setUser(String user) { this.user = blankToNull(user); }
    public String getKnownHostsCredentialsId() { return knownHostsCredentialsId; }
    public void setKnownHostsCredentialsId(String id) { this.knownHostsCredentialsId = blankToNull(id); }
    public boolean isHostKeyChecking() { return hostKeyChecking; }
    public void setHostKeyChecking(boolean hostKeyChecking) { this.hostKeyChecking = hostKeyChecking; }
    public boolean isBecome() { return become; }
    public void setBecome(boolean become) { this.become = become; }
    public String getBecomeUser() { return becomeUser; }
    public void setBecomeUser(String becomeUser) { this.becomeUser = blankToNull(becomeUser); }
    public String getVaultCredentialsId() { return vaultCredentialsId; }
    public void setVaultCredentialsId(String id) { this.vaultCredentialsId = blankToNull(id); }

    /**
     * Sets the SSH access, become and vault password on {@code builder}, reading the key, known_hosts and
     * vault password from the credentials; {@code keyField} names the SSH key field in error messages.
     */
    public AnsibleOptions.Builder apply(AnsibleOptions.Builder builder, CredentialResolver resolver, String keyField) {
        builder.become(become).becomeUser(becomeUser);
        if (vaultCredentialsId != null) {
            String password = resolver.text("vaultCredentialsId", vaultCredentialsId);
            builder.vaultPassword(SecretValue.ofNullable(password.endsWith("\n") ? password.strip() : password));
        }
        String remoteUser = user;
        SecretValue key = null;
        SecretValue passphrase = null;
        if (keyCredentialsId != null) {
            ResolvedCredential.SshKey ssh = (ResolvedCredential.SshKey) resolver.require(keyField, keyCredentialsId,
                    ResolvedCredential.SshKey.class);
            if (ssh.privateKey() == null) {
                throw new InvalidInputException(keyField, "credentials \"" + keyCredentialsId + "\" hold no private key");
            }
            key = ssh.privateKey();
            passphrase = ssh.passphrase();
            remoteUser = user != null ? user : ssh.username();
        }
        String knownHosts = knownHostsCredentialsId == null ? null : resolver.text("knownHostsCredentialsId", knownHostsCredentialsId);
        return builder.ssh(SshAccess.of(remoteUser, key, passphrase, knownHosts, hostKeyChecking));
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
