package io.kubemagic.engine.clair;

import java.io.Serializable;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One image's scan: which manifest was scanned, its findings (classified by the policy), or the
 * error that stopped it, and how many HTTP requests it took.
 *
 * @param image the reference as given; {@code reference} is the canonical form, pinned to the digest
 */
public record ImageScan(String image, String reference, String digest, String indexDigest, String platform, int layers,
                        List<Finding> findings, String error, int registryRequests, int clairRequests, long millis)
        implements Serializable {

    public static ImageScan failed(String image, String reference, String error, int registryRequests, int clairRequests, long millis) {
        return new ImageScan(image, reference, null, null, null, 0, List.of(), error, registryRequests, clairRequests, millis);
    }

    public Map<Severity, Integer> countsBySeverity() {
        Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
        for (Severity severity : Severity.values()) {
            counts.put(severity, 0);
        }
        findings.forEach(f -> counts.merge(f.severity(), 1, Integer::sum));
        return counts;
    }

    public long violations() {
        return findings.stream().filter(f -> f.status() == Finding.Status.VIOLATION).count();
    }
}
