package io.kubemagic.engine.kubespray;

import io.kubemagic.engine.kube.PreflightReport;

import java.io.Serializable;
import java.util.List;

/**
 * The plan a person approves: where the cluster and the Kubespray checkout stand, the hops (one
 * Kubespray minor line at a time, the latest patch of each, one Kubernetes minor at most per hop),
 * the inventory review of each hop, the pre-flight findings, and the refusals that stop it.
 */
public record UpgradePlan(
        String currentKubeVersion,
        String currentKubeVersionSource,
        Position position,
        String targetTag,
        String targetKubeVersion,
        List<Hop> hops,
        List<String> refusals,
        List<String> notes,
        List<HopReview> reviews,
        PreflightReport preflight,
        List<String> completedHops) implements Serializable {

    /** No refusal and no blocking pre-flight finding. */
    public boolean approvable() {
        return refusals.isEmpty() && (preflight == null || preflight.blocking().isEmpty());
    }

    public boolean nothingToDo() {
        return refusals.isEmpty() && hops.isEmpty();
    }

    public UpgradePlan withReviews(List<HopReview> newReviews) {
        return new UpgradePlan(currentKubeVersion, currentKubeVersionSource, position, targetTag, targetKubeVersion, hops,
                refusals, notes, List.copyOf(newReviews), preflight, completedHops);
    }

    public UpgradePlan withPreflight(PreflightReport report) {
        return new UpgradePlan(currentKubeVersion, currentKubeVersionSource, position, targetTag, targetKubeVersion, hops,
                refusals, notes, reviews, report, completedHops);
    }

    public UpgradePlan withCompletedHops(List<String> done) {
        return new UpgradePlan(currentKubeVersion, currentKubeVersionSource, position, targetTag, targetKubeVersion, hops,
                refusals, notes, reviews, preflight, List.copyOf(done));
    }
}
