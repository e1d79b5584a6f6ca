/*
 * Compile-only stub of a Jenkins API type (see jenkins-api-stubs/README.md for the real artifact and
 * the source file this declaration was checked against). Declarations only; no behaviour.
 */
package hudson.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;

/**
 * Stub. The real class also implements ExtensionPoint, Comparable, AccessControlled, PersistenceRoot,
 * DescriptorByNameOwner, OnMaster, StaplerProxy, HistoricalBuild and WithConsoleUrl (omitted). The real
 * constructors are protected and take a job; the stub one is package-private.
 */
public abstract class Run<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> extends Actionable {
    Run() {
    }

    public void setResult(@NonNull Result r) {
        throw new UnsupportedOperationException("stub");
    }

    public @CheckForNull <T extends Cause> T getCause(Class<T> type) {
        throw new UnsupportedOperationException("stub");
    }

    public @NonNull JobT getParent() {
        throw new UnsupportedOperationException("stub");
    }

    public String getFullDisplayName() {
        throw new UnsupportedOperationException("stub");
    }

    public int getNumber() {
        throw new UnsupportedOperationException("stub");
    }

    public @NonNull String getExternalizableId() {
        throw new UnsupportedOperationException("stub");
    }
}
