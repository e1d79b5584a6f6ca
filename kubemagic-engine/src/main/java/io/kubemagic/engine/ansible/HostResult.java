package io.kubemagic.engine.ansible;

import java.io.Serializable;

/** One host's line of the PLAY RECAP, summed over the playbooks of a run. */
public record HostResult(String host, int ok, int changed, int unreachable, int failed, int skipped, int rescued,
                         int ignored) implements Serializable {

    public enum Status { OK, CHANGED, FAILED, UNREACHABLE }

    public Status status() {
        if (unreachable > 0) {
            return Status.UNREACHABLE;
        }
        if (failed > 0) {
            return Status.FAILED;
        }
        return changed > 0 ? Status.CHANGED : Status.OK;
    }

    HostResult plus(HostResult other) {
        return new HostResult(host, ok + other.ok, changed + other.changed, unreachable + other.unreachable,
                failed + other.failed, skipped + other.skipped, rescued + other.rescued, ignored + other.ignored);
    }
}
