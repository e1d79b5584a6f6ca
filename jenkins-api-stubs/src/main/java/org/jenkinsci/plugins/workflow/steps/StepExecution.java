/*
 * Compile-only stub of a Jenkins API type (see jenkins-api-stubs/README.md for the real artifact and
 * the source file this declaration was checked against). Declarations only; no behaviour.
 */
package org.jenkinsci.plugins.workflow.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.Serializable;

/** Stub (workflow-step-api): declarations only. */
public abstract class StepExecution implements Serializable {
    @Deprecated
    protected StepExecution() {
    }

    protected StepExecution(@NonNull StepContext context) {
    }

    public @NonNull StepContext getContext() {
        throw new UnsupportedOperationException("stub");
    }

    public abstract boolean start() throws Exception;

    public void stop(@NonNull Throwable cause) throws Exception {
        throw new UnsupportedOperationException("stub");
    }
}
