package io.kubemagic.engine.ansible;

import io.kubemagic.engine.InvalidInputException;
import io.kubemagic.engine.console.SecretMasker;
import io.kubemagic.engine.console.SecretValue;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How ansible-playbook reaches the hosts over SSH: the remote user, the private key (and its
 * passphrase), and the host key policy. Host keys are always checked unless {@code hostKeyChecking}
 * is explicitly false: against the known_hosts content given, else against the agent's own files.
 */
public final class SshAccess implements Serializable {
    private static final long serialVersionUID = 1L;

    public enum HostKeyPolicy {
        /** Checked against the known_hosts content given (a credential); unknown hosts are refused. */
        KNOWN_HOSTS,
        /** Checked against the agent's ~/.ssh/known_hosts and /etc/ssh/ssh_known_hosts; unknown hosts are refused. */
        AGENT_FILES,
        /** Not checked: the explicit, logged opt-out. */
        NOT_CHECKED
    }

    private final String user;
    private final SecretValue privateKey;
    private final SecretValue passphrase;
    private final String knownHosts;
    private final boolean hostKeyChecking;

    private SshAccess(String user, SecretValue privateKey, SecretValue passphrase, String knownHosts, boolean hostKeyChecking) {
        this.user = user;
        this.privateKey = privateKey;
        this.passphrase = passphrase;
        this.knownHosts = knownHosts;
        this.hostKeyChecking = hostKeyChecking;
    }

    /** The inventory's ansible_user and the agent's SSH setup (keys, agent), with host keys checked. */
    public static SshAccess agentDefaults() {
        return new SshAccess(null, null, null, null, true);
    }

    /**
     * @param user       remote user, or null for the inventory's ansible_user
     * @param privateKey PEM/OpenSSH private key, or null for the agent's own keys
     * @param passphrase the key's passphrase, or null
     * @param knownHosts known_hosts content, or null
     * @param hostKeyChecking false only as the explicit opt-out
     */
    public static SshAccess of(String user, SecretValue privateKey, SecretValue passphrase, String knownHosts, boolean hostKeyChecking) {
        String cleanUser = user == null || user.isBlank() ? null : user.trim();
        if (cleanUser != null && !cleanUser.matches("[A-Za-z0-9._][A-Za-z0-9._-]*\\$?")) {
            throw new InvalidInputException("user", "\"" + cleanUser + "\" is not a user name");
        }
        if (passphrase != null && privateKey == null) {
            throw new InvalidInputException("passphrase", "a passphrase was given without a private key");
        }
        if (privateKey != null && !privateKey.reveal().contains("PRIVATE KEY")) {
            throw new InvalidInputException("privateKey", "the SSH key is not a private key in PEM or OpenSSH form "
                    + "(its first line names an OPENSSH, RSA or EC PRIVATE KEY); paste the private key file, not the .pub");
        }
        String hosts = knownHosts == null || knownHosts.isBlank() ? null : knownHosts;
        if (!hostKeyChecking && hosts != null) {
            throw new InvalidInputException("hostKeyChecking", "known_hosts content was given and host key checking "
                    + "is turned off; use one or the other");
        }
        return new SshAccess(cleanUser, privateKey, passphrase == null || passphrase.isEmpty() ? null : passphrase, hosts, hostKeyChecking);
    }

    public String user() {
        return user;
    }

    public SecretValue privateKey() {
        return privateKey;
    }

    public SecretValue passphrase() {
        return passphrase;
    }

    public String knownHosts() {
        return knownHosts;
    }

    public HostKeyPolicy hostKeyPolicy() {
        return !hostKeyChecking ? HostKeyPolicy.NOT_CHECKED : knownHosts != null ? HostKeyPolicy.KNOWN_HOSTS : HostKeyPolicy.AGENT_FILES;
    }

    public void registerSecrets(SecretMasker masker) {
        masker.add(privateKey);
        masker.add(passphrase);
    }

    public Map<String, Object> describe() {
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("user", user == null ? "(inventory)" : user);
        description.put("privateKey", privateKey == null ? "agent" : "credential");
        description.put("passphrase", passphrase != null);
        description.put("hostKeys", hostKeyPolicy().name());
        return description;
    }
}
