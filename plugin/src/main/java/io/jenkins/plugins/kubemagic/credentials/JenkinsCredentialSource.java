package io.jenkins.plugins.kubemagic.credentials;

import com.cloudbees.jenkins.plugins.sshcredentials.SSHUserPrivateKey;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCertificateCredentials;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.model.Run;
import hudson.util.Secret;
import io.kubemagic.engine.console.SecretValue;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Looks credentials up for a build, with the build's own permissions (folder and job scopes
 * included), records their use ({@link CredentialsProvider#track}) and reads them into plain values.
 */
public final class JenkinsCredentialSource implements CredentialSource {
    private final Run<?, ?> run;

    public JenkinsCredentialSource(Run<?, ?> run) {
        this.run = run;
    }

    @Override
    public ResolvedCredential find(String id) {
        StandardCredentials credential = CredentialsProvider.findCredentialById(id, StandardCredentials.class, run, List.of());
        if (credential == null) {
            return null;
        }
        CredentialsProvider.track(run, credential);
        if (credential instanceof SSHUserPrivateKey sshKey) {
            List<String> keys = sshKey.getPrivateKeys();
            Secret passphrase = sshKey.getPassphrase();
            return new ResolvedCredential.SshKey(id, sshKey.getUsername(),
                    keys.isEmpty() ? null : SecretValue.of(keys.get(0)),
                    passphrase == null ? null : SecretValue.ofNullable(Secret.toString(passphrase)));
        }
        if (credential instanceof StandardCertificateCredentials certificate) {
            return new ResolvedCredential.Certificate(id, certificate.getKeyStore(),
                    SecretValue.of(Secret.toString(certificate.getPassword())));
        }
        if (credential instanceof FileCredentials file) {
            try (InputStream content = file.getContent()) {
                return new ResolvedCredential.File(id, file.getFileName(), content.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read secret file credential " + id, e);
            }
        }
        if (credential instanceof StandardUsernamePasswordCredentials usernamePassword) {
            return new ResolvedCredential.UsernamePassword(id, usernamePassword.getUsername(),
                    SecretValue.of(Secret.toString(usernamePassword.getPassword())));
        }
        if (credential instanceof StringCredentials text) {
            return new ResolvedCredential.SecretText(id, SecretValue.of(Secret.toString(text.getSecret())));
        }
        return new ResolvedCredential.Other(id, credential.getClass().getSimpleName());
    }
}
