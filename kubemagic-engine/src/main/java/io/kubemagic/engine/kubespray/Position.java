package io.kubemagic.engine.kubespray;

import java.io.Serializable;

/**
 * Where the Kubespray checkout in use stands among the release tags. {@code tag} is set when the
 * commit is a release; otherwise {@code previousTag} is the nearest release it contains (as
 * {@code git describe}), {@code nextTag} the first release that contains it, and {@code closestTag}
 * whichever of the two is fewer commits away (the guess the operator had to make by hand).
 */
public record Position(
        String ref,
        String commit,
        String tag,
        String previousTag,
        int commitsSincePrevious,
        String nextTag,
        int commitsUntilNext,
        String closestTag) implements Serializable {

    public boolean tagged() {
        return tag != null;
    }

    /** The release this position counts as for planning: the tag, else the nearest release it contains. */
    public String baseTag() {
        return tag != null ? tag : previousTag != null ? previousTag : nextTag;
    }

    public String describe() {
        String shortCommit = commit.substring(0, Math.min(12, commit.length()));
        if (tagged()) {
            return tag + " (" + shortCommit + ")";
        }
        StringBuilder text = new StringBuilder("untagged commit " + shortCommit + ": closest tag " + closestTag);
        if (previousTag != null) {
            text.append("; ").append(commitsSincePrevious).append(" commit(s) after ").append(previousTag);
        }
        if (nextTag != null) {
            text.append("; ").append(commitsUntilNext).append(" commit(s) before ").append(nextTag);
        }
        return text.toString();
    }
}
