/*
 * Compile-only stub of a Jenkins API type (see jenkins-api-stubs/README.md for the real artifact and
 * the source file this declaration was checked against). Declarations only; no behaviour.
 */
package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;

/**
 * Stub. The real class extends AbstractModelObject and implements ModelObjectWithContextMenu (both
 * omitted, with their abstract methods), so the constructor is package-private.
 */
public abstract class Actionable {
    Actionable() {
    }

    public void addAction(@NonNull Action a) {
        throw new UnsupportedOperationException("stub");
    }

    public <T extends Action> T getAction(Class<T> type) {
        throw new UnsupportedOperationException("stub");
    }
}
