/*
 * Compile-only stub of a Jenkins API type (see jenkins-api-stubs/README.md for the real artifact and
 * the source file this declaration was checked against). Declarations only; no behaviour.
 */
package jenkins;

/** Stub: tri-state value used by {@link hudson.Extension#dynamicLoadable()}. */
public enum YesNoMaybe {
    YES,
    NO,
    MAYBE
}
