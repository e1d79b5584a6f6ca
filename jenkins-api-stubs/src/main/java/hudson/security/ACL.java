/*
 * Compile-only stub of a Jenkins API type (see jenkins-api-stubs/README.md for the real artifact and
 * the source file this declaration was checked against). Declarations only; no behaviour.
 */
package hudson.security;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/**
 * Stub. Only {@link #SYSTEM2} is declared. The real abstract {@code hasPermission2} is omitted, so the
 * constructor is package-private.
 */
public abstract class ACL {
    /** Like the real constant: a token for the internal SYSTEM user (real Spring Security type). */
    public static final Authentication SYSTEM2 = new UsernamePasswordAuthenticationToken("SYSTEM", "SYSTEM");

    ACL() {
    }
}
