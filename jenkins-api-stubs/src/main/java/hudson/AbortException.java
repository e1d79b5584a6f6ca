/*
 * Compile-only stub of a Jenkins API type (see jenkins-api-stubs/README.md for the real artifact and
 * the source file this declaration was checked against). Declarations only; no behaviour.
 */
package hudson;

import java.io.IOException;

/** Stub: a failure whose message was reported; Jenkins prints no stack trace for it. */
public final class AbortException extends IOException {
    private static final long serialVersionUID = 1L;

    public AbortException() {
    }

    public AbortException(String message) {
        super(message);
    }
}
