/*
 * Compile-only stub of a Jenkins API type (see jenkins-api-stubs/README.md for the real artifact and
 * the source file this declaration was checked against). Declarations only; no behaviour.
 */
package hudson;

/** Stub: marker interface of extensible components. */
public interface ExtensionPoint {
}
