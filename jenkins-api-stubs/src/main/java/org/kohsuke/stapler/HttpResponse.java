/*
 * Compile-only stub of a Jenkins API type (see jenkins-api-stubs/README.md for the real artifact and
 * the source file this declaration was checked against). Declarations only; no behaviour.
 */
package org.kohsuke.stapler;

/**
 * Stub (stapler). Both {@code generateResponse} overloads of the real interface are default methods
 * taking servlet request/response types; they are omitted, so this is a marker here.
 */
public interface HttpResponse {
}
