package io.kubemagic.engine.clair;

import java.io.Serializable;

/**
 * One vulnerability of one package in one image, and what the policy made of it.
 *
 * @param fixedIn the version that fixes it; empty when no fix is known
 * @param layer   the digest of the layer that brought the package in, when Clair says
 */
public record Finding(String image, String vulnerability, Severity severity, String packageName, String installedVersion,
                      String fixedIn, String link, String description, String layer, Status status) implements Serializable {

    /** How the policy counted a finding. */
    public enum Status {
        /** At or above the threshold, not excused: counts against the gate. */
        VIOLATION,
        /** Below the threshold: reported only. */
        BELOW_THRESHOLD,
        /** Listed in the whitelist (generally or for this image). */
        WHITELISTED,
        /** No fixed version exists, and unfixed findings are ignored. */
        UNFIXED_IGNORED
    }

    public Finding {
        fixedIn = fixedIn == null ? "" : fixedIn.trim();
        link = link == null ? "" : link;
        description = description == null ? "" : description;
    }

    public boolean fixable() {
        return !fixedIn.isEmpty();
    }

    public Finding withStatus(Status newStatus) {
        return new Finding(image, vulnerability, severity, packageName, installedVersion, fixedIn, link, description, layer, newStatus);
    }
}
