/*
 * Compile-only stub of a Jenkins API type (see jenkins-api-stubs/README.md for the real artifact and
 * the source file this declaration was checked against). Declarations only; no behaviour.
 */
package hudson.util;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.Serializable;

/** Stub: declarations only. */
public final class Secret implements Serializable {
    private Secret() {
    }

    @NonNull
    public String getPlainText() {
        throw new UnsupportedOperationException("stub");
    }

    @NonNull
    public static Secret fromString(@CheckForNull String data) {
        throw new UnsupportedOperationException("stub");
    }

    @NonNull
    public static String toString(@CheckForNull Secret s) {
        throw new UnsupportedOperationException("stub");
    }
}
