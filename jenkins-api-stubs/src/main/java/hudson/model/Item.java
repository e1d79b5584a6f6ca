/*
 * Compile-only stub of a Jenkins API type (see jenkins-api-stubs/README.md for the real artifact and
 * the source file this declaration was checked against). Declarations only; no behaviour.
 */
package hudson.model;

import hudson.security.AccessControlled;
import hudson.security.Permission;

/**
 * Stub. Of the real supertypes (PersistenceRoot, FullyNamedModelObject, SearchableModelObject,
 * FullyNamed, Named, AccessControlled, OnMaster) only AccessControlled is declared. The permission
 * constants are null here.
 */
public interface Item extends AccessControlled {
    Permission CONFIGURE = null;

    Permission EXTENDED_READ = null;
}
