/*
 * Compile-only stub of a Jenkins API type (see jenkins-api-stubs/README.md for the real artifact and
 * the source file this declaration was checked against). Declarations only; no behaviour.
 */
package com.cloudbees.plugins.credentials;

import java.io.Serializable;

/** Stub (credentials). The real constants override display/visibility methods that are omitted here. */
public enum CredentialsScope implements Serializable {
    SYSTEM,
    GLOBAL,
    USER
}
