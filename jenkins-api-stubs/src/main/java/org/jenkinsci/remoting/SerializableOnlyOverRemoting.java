/*
 * Compile-only stub of a Jenkins API type (see jenkins-api-stubs/README.md for the real artifact and
 * the source file this declaration was checked against). Declarations only; no behaviour.
 */
package org.jenkinsci.remoting;

import java.io.Serializable;

/** Stub (remoting). The real interface also has a default method omitted here. */
public interface SerializableOnlyOverRemoting extends Serializable {
}
