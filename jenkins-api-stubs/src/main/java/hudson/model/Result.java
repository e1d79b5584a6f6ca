/*
 * Compile-only stub of a Jenkins API type (see jenkins-api-stubs/README.md for the real artifact and
 * the source file this declaration was checked against). Declarations only; no behaviour.
 */
package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.Serializable;

/** Stub: declarations only (the real class also implements CustomExportedBean). */
public final class Result implements Serializable {
    public static final @NonNull Result SUCCESS = null;
    public static final @NonNull Result UNSTABLE = null;
    public static final @NonNull Result FAILURE = null;

    private Result() {
    }
}
