/*
 * Compile-only stub of a Jenkins API type (see jenkins-api-stubs/README.md for the real artifact and
 * the source file this declaration was checked against). Declarations only; no behaviour.
 */
package com.cloudbees.jenkins.plugins.sshcredentials;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.util.Secret;

import java.util.List;

/** Stub (ssh-credentials): a user name with one or more private keys (OpenSSH/PEM text) and an optional passphrase. */
@SuppressWarnings("deprecation")
public interface SSHUserPrivateKey extends SSHUser {
    /** @deprecated use {@link #getPrivateKeys()} */
    @Deprecated
    @NonNull
    String getPrivateKey();

    @CheckForNull
    Secret getPassphrase();

    @NonNull
    List<String> getPrivateKeys();
}
