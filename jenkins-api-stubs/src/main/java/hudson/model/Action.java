/*
 * Compile-only stub of a Jenkins API type (see jenkins-api-stubs/README.md for the real artifact and
 * the source file this declaration was checked against). Declarations only; no behaviour.
 */
package hudson.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/** Stub. */
public interface Action extends ModelObject {
    @CheckForNull String getIconFileName();

    @Override
    @CheckForNull String getDisplayName();

    @CheckForNull String getUrlName();
}
