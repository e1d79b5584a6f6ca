package io.jenkins.plugins.kubemagic.credentials;

import io.kubemagic.engine.InvalidInputException;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Finds a credential for a step field and checks its type, so that every error names the field,
 * the id, what was found and what is expected.
 */
public final class CredentialResolver {
    private final CredentialSource source;

    public CredentialResolver(CredentialSource source) {
        this.source = source;
    }

    @SafeVarargs
    public final ResolvedCredential require(String field, String id, Class<? extends ResolvedCredential>... accepted) {
        ResolvedCredential credential = source.find(id);
        if (credential == null) {
            throw new InvalidInputException(field, "no credentials with id \"" + id + "\" are visible to this build; "
                    + "check the id, and that the credential is in this job's folder or in the global store");
        }
        for (Class<? extends ResolvedCredential> type : accepted) {
            if (type.isInstance(credential)) {
                return credential;
            }
        }
        throw new InvalidInputException(field, "credentials \"" + id + "\" are " + credential.kind() + "; expected "
                + Arrays.stream(accepted).map(CredentialResolver::describe).collect(Collectors.joining(" or ")));
    }

    /** The text of a file or secret-text credential (a CA certificate, say). */
    public String text(String field, String id) {
        ResolvedCredential credential = require(field, id, ResolvedCredential.File.class, ResolvedCredential.SecretText.class);
        if (credential instanceof ResolvedCredential.File file) {
            return new String(file.content(), StandardCharsets.UTF_8);
        }
        return ((ResolvedCredential.SecretText) credential).text().reveal();
    }

    private static String describe(Class<? extends ResolvedCredential> type) {
        if (type == ResolvedCredential.Certificate.class) {
            return "a certificate (PKCS#12) credential";
        }
        if (type == ResolvedCredential.File.class) {
            return "a secret file credential";
        }
        if (type == ResolvedCredential.UsernamePassword.class) {
            return "a username/password credential";
        }
        if (type == ResolvedCredential.SecretText.class) {
            return "a secret text credential";
        }
        if (type == ResolvedCredential.SshKey.class) {
            return "an SSH username with private key credential";
        }
        return type.getSimpleName();
    }
}
