package io.jenkins.plugins.kubemagic.credentials;

/** Finds credentials by id, as the build that runs the step may see them. */
@FunctionalInterface
public interface CredentialSource {

    /** Null when no credential with that id is visible to the build. */
    ResolvedCredential find(String id);
}
