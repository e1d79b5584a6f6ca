/*
 * Compile-only stub of a Jenkins API type (see jenkins-api-stubs/README.md for the real artifact and
 * the source file this declaration was checked against). Declarations only; no behaviour.
 */
package com.cloudbees.plugins.credentials.common;

import edu.umd.cs.findbugs.annotations.NonNull;

/** Stub (credentials). The nested NameProvider of the real interface is omitted. */
public interface StandardCredentials extends IdCredentials {
    @NonNull
    String getDescription();
}
