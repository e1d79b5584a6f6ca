package io.kubemagic.cli;

import io.kubemagic.engine.ansible.AnsibleOptions;
import io.kubemagic.engine.ansible.SshAccess;
import io.kubemagic.engine.console.SecretMasker;
import io.kubemagic.engine.console.SecretValue;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * How ansible-playbook reaches the hosts, shared by {@code kubemagic ansible} and {@code kubemagic
 * kubespray upgrade}: the remote user, the SSH key and its passphrase, the host keys, become, and the
 * vault password. Secrets only come from files or the environment: the key from --key, its
 * passphrase from --passphrase-file or $KUBEMAGIC_SSH_PASSPHRASE, the vault password from
 * --vault-password-file or $KUBEMAGIC_VAULT_PASSWORD.
 */
public final class AnsibleAccessCliOptions {
    @Option(names = {"-u", "--user"}, paramLabel = "USER", description = "Remote SSH user (default: the inventory's ansible_user).")
    String user;

    @Option(names = "--key", paramLabel = "FILE", description = "SSH private key (copied to a 0600 temporary file for the run).")
    Path key;

    @Option(names = "--passphrase-file", paramLabel = "FILE", description = "Passphrase of --key (default: $KUBEMAGIC_SSH_PASSPHRASE).")
    Path passphraseFile;

    @Option(names = "--known-hosts", paramLabel = "FILE", description = "known_hosts to check host keys against "
            + "(default: ~/.ssh/known_hosts and /etc/ssh/ssh_known_hosts; unknown hosts are refused).")
    Path knownHosts;

    @Option(names = "--no-host-key-checking", description = "Do not check SSH host keys (logged; prefer --known-hosts).")
    boolean noHostKeyChecking;

    @Option(names = "--vault-password-file", paramLabel = "FILE", description = "ansible-vault password (default: $KUBEMAGIC_VAULT_PASSWORD).")
    Path vaultPasswordFile;

    @Option(names = {"-b", "--become"}, description = "Run tasks with become (sudo).")
    boolean become;

    @Option(names = "--become-user", paramLabel = "USER", description = "User to become.")
    String becomeUser;

    /** Sets the SSH access, become and vault password on {@code builder}, every secret registered in {@code masker} as it is read. */
    AnsibleOptions.Builder apply(AnsibleOptions.Builder builder, KubeMagicCommand root, SecretMasker masker) {
        builder.become(become).becomeUser(becomeUser);
        builder.vaultPassword(CliFiles.secret(root, masker, "--vault-password-file", vaultPasswordFile, "KUBEMAGIC_VAULT_PASSWORD"));
        SecretValue privateKey = null;
        if (key != null) {
            String text = CliFiles.read("--key", key);
            masker.add(text);
            privateKey = SecretValue.of(text);
        }
        SecretValue passphrase = CliFiles.secret(root, masker, "--passphrase-file", passphraseFile, "KUBEMAGIC_SSH_PASSPHRASE");
        if (privateKey == null) {
            passphrase = null;
        }
        String knownHostsText = knownHosts == null ? null : CliFiles.read("--known-hosts", knownHosts);
        return builder.ssh(SshAccess.of(user, privateKey, passphrase, knownHostsText, !noHostKeyChecking));
    }
}
