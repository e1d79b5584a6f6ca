/*
 * Compile-only stub of a Jenkins API type (see jenkins-api-stubs/README.md for the real artifact and
 * the source file this declaration was checked against). Declarations only; no behaviour.
 */
package com.cloudbees.jenkins.plugins.sshcredentials;

import com.cloudbees.plugins.credentials.common.StandardUsernameCredentials;

/** Stub (ssh-credentials). Deprecated in the real plugin in favour of StandardUsernameCredentials. */
@Deprecated
public interface SSHUser extends StandardUsernameCredentials {
}
