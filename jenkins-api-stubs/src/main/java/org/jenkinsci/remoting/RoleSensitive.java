/*
 * Compile-only stub of a Jenkins API type (see jenkins-api-stubs/README.md for the real artifact and
 * the source file this declaration was checked against). Declarations only; no behaviour.
 */
package org.jenkinsci.remoting;

/** Stub (remoting). */
public interface RoleSensitive {
    void checkRoles(RoleChecker checker) throws SecurityException;
}
