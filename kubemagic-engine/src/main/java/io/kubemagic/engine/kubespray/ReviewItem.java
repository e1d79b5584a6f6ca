package io.kubemagic.engine.kubespray;

import java.io.Serializable;

/**
 * One thing to look at in the inventory before a hop: a variable the sample added, removed or
 * changed between the two tags, or a renamed group, with whether it concerns the user's inventory.
 */
public record ReviewItem(Kind kind, String name, String oldValue, String newValue, String yourValue, boolean actionNeeded,
                         String message) implements Serializable {

    public enum Kind { NEW_VARIABLE, REMOVED_VARIABLE, CHANGED_DEFAULT, RENAMED_GROUP, VERSION_FORMAT, PINNED_VERSION }
}
