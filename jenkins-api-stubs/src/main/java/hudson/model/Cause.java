/*
 * Compile-only stub of a Jenkins API type (see jenkins-api-stubs/README.md for the real artifact and
 * the source file this declaration was checked against). Declarations only; no behaviour.
 */
package hudson.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/**
 * Stub. The real class has the abstract {@code getShortDescription()} (omitted), so the constructor
 * is package-private: only the nested stub subclass below may extend it.
 */
public abstract class Cause {
    Cause() {
    }

    /** Stub of the cause recording the user who started a build. */
    public static class UserIdCause extends Cause {
        public UserIdCause() {
        }

        public UserIdCause(@CheckForNull String userId) {
        }

        public String getUserId() {
            throw new UnsupportedOperationException("stub");
        }
    }
}
