/*
 * Compile-only stub of a Jenkins API type (see jenkins-api-stubs/README.md for the real artifact and
 * the source file this declaration was checked against). Declarations only; no behaviour.
 */
package hudson.model;

/**
 * Stub. The real class also implements ExtensionPoint, StaplerOverridable, ModelObjectWithChildren and
 * HasWidgets (omitted); the real constructor takes an ItemGroup, so the stub one is package-private.
 */
public abstract class Job<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> extends AbstractItem {
    Job() {
    }
}
