package io.kubemagic.engine.registry;

import io.kubemagic.engine.InvalidInputException;
import io.kubemagic.engine.console.SecretMasker;
import io.kubemagic.engine.console.SecretValue;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A registry login: sent as HTTP Basic, or to the token server the registry's challenge names. */
public record RegistryCredentials(String username, SecretValue password) implements Serializable {

    public RegistryCredentials {
        if (username == null || username.isBlank()) {
            throw new InvalidInputException("username", "a registry login needs a user name");
        }
        if (password == null || password.isEmpty()) {
            throw new InvalidInputException("password", "registry user \"" + username + "\" needs a password or token");
        }
    }

    /** The value of an {@code Authorization: Basic ...} header, itself a secret. */
    public SecretValue basicHeader() {
        return SecretValue.of("Basic " + Base64.getEncoder().encodeToString(
                (username + ":" + password.reveal()).getBytes(StandardCharsets.UTF_8)));
    }

    public void registerSecrets(SecretMasker masker) {
        masker.add(password);
        SecretValue header = basicHeader();
        masker.add(header);
        masker.add(header.reveal().substring("Basic ".length()));
    }

    @Override
    public String toString() {
        return username + ":" + SecretValue.MASK;
    }
}
