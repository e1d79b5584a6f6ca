/*
 * Compile-only stub of a Jenkins API type (see jenkins-api-stubs/README.md for the real artifact and
 * the source file this declaration was checked against). Declarations only; no behaviour.
 */
package hudson.security;

import org.springframework.security.core.Authentication;

/** Stub: only {@link #SYSTEM2}; the real abstract {@code hasPermission2} is omitted, so the constructor is package-private. */
public abstract class ACL {
    public static final Authentication SYSTEM2 = null;

    ACL() {
    }
}
