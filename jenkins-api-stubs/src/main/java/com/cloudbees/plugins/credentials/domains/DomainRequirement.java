/*
 * Compile-only stub of a Jenkins API type (see jenkins-api-stubs/README.md for the real artifact and
 * the source file this declaration was checked against). Declarations only; no behaviour.
 */
package com.cloudbees.plugins.credentials.domains;

import hudson.ExtensionPoint;
import java.io.Serializable;

/** Stub (credentials). Like the real class, it declares no constructor (implicit public one). */
public class DomainRequirement implements ExtensionPoint, Serializable {
}
