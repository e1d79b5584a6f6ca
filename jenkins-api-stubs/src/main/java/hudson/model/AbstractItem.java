/*
 * Compile-only stub of a Jenkins API type (see jenkins-api-stubs/README.md for the real artifact and
 * the source file this declaration was checked against). Declarations only; no behaviour.
 */
package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.security.ACL;

/**
 * Stub: the superclass of {@link Job}, which makes a job an {@link Item}. The real constructor takes
 * an ItemGroup (not stubbed), so the stub constructor is package-private.
 */
public abstract class AbstractItem extends Actionable implements Item {
    AbstractItem() {
    }

    @NonNull
    public final String getFullName() {
        throw new UnsupportedOperationException("stub");
    }

    @NonNull
    @Override
    public ACL getACL() {
        throw new UnsupportedOperationException("stub");
    }
}
