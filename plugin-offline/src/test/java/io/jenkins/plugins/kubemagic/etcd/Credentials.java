package io.jenkins.plugins.kubemagic.etcd;

import io.jenkins.plugins.kubemagic.credentials.CredentialSource;
import io.jenkins.plugins.kubemagic.credentials.ResolvedCredential;

import java.util.HashMap;
import java.util.Map;

/** The credentials a build can see, for tests: a map from id to credential. */
final class Credentials implements CredentialSource {
    private final Map<String, ResolvedCredential> byId = new HashMap<>();

    Credentials with(ResolvedCredential credential) {
        byId.put(credential.id(), credential);
        return this;
    }

    @Override
    public ResolvedCredential find(String id) {
        return byId.get(id);
    }
}
