package io.jenkins.plugins.kubemagic.credentials;

import io.kubemagic.engine.console.SecretValue;

import java.security.KeyStore;

/**
 * A Jenkins credential read into plain values, so that the mapping from step fields to engine
 * requests is plain Java and testable without Jenkins.
 */
public sealed interface ResolvedCredential {

    String id();

    /** A human name of the kind, for error messages ("a certificate credential"). */
    String kind();

    record Certificate(String id, KeyStore keyStore, SecretValue password) implements ResolvedCredential {
        @Override
        public String kind() {
            return "a certificate (PKCS#12) credential";
        }
    }

    record File(String id, String fileName, byte[] content) implements ResolvedCredential {
        @Override
        public String kind() {
            return "a secret file credential";
        }
    }

    record UsernamePassword(String id, String username, SecretValue password) implements ResolvedCredential {
        @Override
        public String kind() {
            return "a username/password credential";
        }
    }

    record SecretText(String id, SecretValue text) implements ResolvedCredential {
        @Override
        public String kind() {
            return "a secret text credential";
        }
    }

    /** An SSH private key (OpenSSH or PEM text) for a user, with its passphrase or null. */
    record SshKey(String id, String username, SecretValue privateKey, SecretValue passphrase) implements ResolvedCredential {
        @Override
        public String kind() {
            return "an SSH private key credential";
        }
    }

    /** Any other type: named so the error can say what was found. */
    record Other(String id, String typeName) implements ResolvedCredential {
        @Override
        public String kind() {
            return "a " + typeName + " credential";
        }
    }
}
