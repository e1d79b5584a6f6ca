/*
 * Compile-only stub of a Jenkins API type (see jenkins-api-stubs/README.md for the real artifact and
 * the source file this declaration was checked against). Declarations only; no behaviour.
 */
package hudson.security;

/**
 * Stub. Only used as a type here: the real public constructors need PermissionGroup and Localizable
 * (not stubbed), so the stub constructor is private and the permission constants are null.
 */
public final class Permission {
    private Permission() {
    }
}
