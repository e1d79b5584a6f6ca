/*
 * Compile-only stub of a Jenkins API type (see jenkins-api-stubs/README.md for the real artifact and
 * the source file this declaration was checked against). Declarations only; no behaviour.
 */
package com.cloudbees.plugins.credentials.common;

/** Stub (credentials). */
public interface StandardCertificateCredentials extends StandardCredentials, CertificateCredentials {
}
