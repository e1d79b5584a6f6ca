/*
 * Compile-only stub of a Jenkins API type (see jenkins-api-stubs/README.md for the real artifact and
 * the source file this declaration was checked against). Declarations only; no behaviour.
 */
package org.jenkinsci.remoting;

/**
 * Stub (remoting). Only used as a parameter type here; the real abstract {@code check} methods are
 * omitted, so the constructor is package-private to keep anyone from subclassing the stub.
 */
public abstract class RoleChecker {
    RoleChecker() {
    }
}
