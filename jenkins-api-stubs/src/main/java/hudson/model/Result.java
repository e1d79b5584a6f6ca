/*
 * Compile-only stub of a Jenkins API type (see jenkins-api-stubs/README.md for the real artifact and
 * the source file this declaration was checked against). Declarations only; no behaviour.
 */
package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.Serializable;

/**
 * Stub. The constants are distinct (otherwise empty) instances so that code under test can tell them
 * apart. The real class also implements CustomExportedBean (omitted).
 */
public final class Result implements Serializable {
    public static final @NonNull Result SUCCESS = new Result();
    public static final @NonNull Result UNSTABLE = new Result();
    public static final @NonNull Result FAILURE = new Result();

    private Result() {
    }
}
