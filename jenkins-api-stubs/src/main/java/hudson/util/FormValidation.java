/*
 * Compile-only stub of a Jenkins API type (see jenkins-api-stubs/README.md for the real artifact and
 * the source file this declaration was checked against). Declarations only; no behaviour.
 */
package hudson.util;

import org.kohsuke.stapler.HttpResponse;

/** Stub. The real constructors are private, as here. */
public abstract class FormValidation extends java.io.IOException implements HttpResponse {
    private FormValidation() {
    }

    public static FormValidation error(String message) {
        throw new UnsupportedOperationException("stub");
    }

    public static FormValidation warning(String message) {
        throw new UnsupportedOperationException("stub");
    }

    public static FormValidation ok() {
        throw new UnsupportedOperationException("stub");
    }
}
