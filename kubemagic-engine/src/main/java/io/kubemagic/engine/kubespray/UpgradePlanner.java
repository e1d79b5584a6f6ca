package io.kubemagic.engine.kubespray;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * From where the cluster stands (its Kubernetes version, the Kubespray commit in use) to a target
 * tag or Kubernetes version: one hop per Kubespray minor line (its latest patch up to the target;
 * patch releases may be skipped, minor lines may not), each hop at most one Kubernetes minor
 * ahead of the last, with the tag's default {@code kube_version} unless the target caps it.
 * Refuses, with the reason, a downgrade, a version the target tag cannot install, an unknown tag.
 */
public final class UpgradePlanner {
    private final ReleaseCatalog catalog;

    public UpgradePlanner(ReleaseCatalog catalog) {
        this.catalog = catalog;
    }

    public UpgradePlan plan(Position position, Version currentKube, String currentKubeSource, String targetTag,
                            Version targetKube) {
        List<String> refusals = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<KubesprayRelease> usable = catalog.releases().stream().filter(KubesprayRelease::usable).toList();
        if (!position.tagged()) {
            notes.add("Kubespray in use: " + position.describe() + "; planning from " + position.baseTag());
        }
        KubesprayRelease base = catalog.release(position.baseTag()).orElse(null);
        KubesprayRelease target = null;
        if (usable.isEmpty()) {
            refusals.add("no release tag of " + catalog.directory() + " has kubelet checksums the catalog can read; "
                    + "is it a Kubespray checkout with its tags (git fetch --tags)?");
        } else if (targetTag != null) {
            target = catalog.release(targetTag).orElse(null);
            if (target == null) {
                refusals.add("unknown target tag " + targetTag + ": not a release tag of the checkout (release tags go from "
                        + usable.get(0).tag() + " to " + usable.get(usable.size() - 1).tag() + ")");
            } else if (base != null && target.version().isBefore(base.version())) {
                refusals.add("downgrade: target tag " + target.tag() + " is older than the Kubespray in use ("
                        + position.baseTag() + "); Kubespray does not downgrade a cluster");
            } else if (!target.usable()) {
                refusals.add("tag " + target.tag() + " has no kubelet checksums the catalog can read");
            }
        }
        if (refusals.isEmpty() && targetKube != null) {
            if (targetKube.isBefore(currentKube)) {
                refusals.add("downgrade: the cluster runs Kubernetes " + currentKube + " and the target is " + targetKube
                        + "; Kubespray does not downgrade Kubernetes");
            } else if (target != null && !target.canInstall(targetKube)) {
                refusals.add("Kubernetes " + targetKube + " is not installable by " + target.tag() + ": its kubelet checksums cover "
                        + target.installableRange() + installableBy(usable, targetKube));
            } else if (target == null) {
                target = chooseFor(usable, base, targetKube).orElse(null);
                if (target == null) {
                    refusals.add("Kubernetes " + targetKube + " is not installable by any release tag from "
                            + position.baseTag() + " on" + installableBy(usable, targetKube));
                }
            }
        }
        if (refusals.isEmpty() && target == null) {
            target = usable.get(usable.size() - 1);
            notes.add("no target given: planning to the newest release tag, " + target.tag());
        }
        if (!refusals.isEmpty()) {
            return new UpgradePlan(currentKube.toString(), currentKubeSource, position, target == null ? targetTag : target.tag(),
                    targetKube == null ? null : targetKube.toString(), List.of(), List.copyOf(refusals), List.copyOf(notes),
                    List.of(), null, List.of());
        }
        Hops hops = new Hops(position, currentKube);
        for (KubesprayRelease hopTag : lineHeads(usable, base, target)) {
            Version desired = hopTag.defaultKubeVersion();
            if (targetKube != null && desired.isAfter(targetKube)) {
                desired = targetKube;
            }
            if (desired.isBefore(hops.kube)) {
                Optional<Version> sameOrNewer = hopTag.installable().stream().filter(v -> !v.isBefore(hops.kube)
                        && v.sameMinor(hops.kube)).max(Version::compareTo);
                if (hopTag != target && (hopTag.defaultKubeVersion().minorsTo(hops.kube) > 0 || sameOrNewer.isEmpty())) {
                    notes.add("skipping " + hopTag.tag() + ": it installs Kubernetes " + hopTag.defaultKubeVersion()
                            + " by default and the cluster already runs " + hops.kube);
                    continue;
                }
                if (sameOrNewer.isEmpty()) {
                    refusals.add("downgrade: " + hopTag.tag() + " installs at most " + hopTag.installableRange()
                            + " and the cluster runs " + hops.kube);
                    break;
                }
                desired = sameOrNewer.get();
            }
            if (!hops.add(hopTag, desired, refusals)) {
                break;
            }
        }
        if (refusals.isEmpty() && targetKube != null && hops.kube.isBefore(targetKube)) {
            hops.add(target, targetKube, refusals);
        }
        List<Hop> planned = refusals.isEmpty() ? List.copyOf(hops.list) : List.of();
        if (refusals.isEmpty() && planned.isEmpty()) {
            notes.add("nothing to do: the cluster already runs " + currentKube + " with " + position.baseTag());
        }
        return new UpgradePlan(currentKube.toString(), currentKubeSource, position, target.tag(),
                targetKube == null ? (planned.isEmpty() ? currentKube.toString() : planned.get(planned.size() - 1).kubeVersion())
                        : targetKube.toString(),
                planned, List.copyOf(refusals), List.copyOf(notes), List.of(), null, List.of());
    }

    /** The latest patch of each Kubespray minor line from the one in use to the target's (the target itself last). */
    private static List<KubesprayRelease> lineHeads(List<KubesprayRelease> usable, KubesprayRelease base, KubesprayRelease target) {
        Map<String, KubesprayRelease> heads = new LinkedHashMap<>();
        for (KubesprayRelease release : usable) {
            boolean fromBase = base == null || !release.version().isBefore(base.version());
            if (fromBase && !release.version().isAfter(target.version())) {
                heads.put(release.line(), release);
            }
        }
        heads.put(target.line(), target);
        return new ArrayList<>(heads.values());
    }

    /** The first minor line that can install {@code kube}; in it, the latest patch that still can. */
    static Optional<KubesprayRelease> chooseFor(List<KubesprayRelease> usable, KubesprayRelease base, Version kube) {
        String line = null;
        KubesprayRelease chosen = null;
        for (KubesprayRelease release : usable) {
            if (base != null && release.version().isBefore(base.version()) || !release.canInstall(kube)) {
                continue;
            }
            if (line == null) {
                line = release.line();
            }
            if (release.line().equals(line)) {
                chosen = release;
            }
        }
        return Optional.ofNullable(chosen);
    }

    private static String installableBy(List<KubesprayRelease> usable, Version kube) {
        List<String> tags = usable.stream().filter(r -> r.canInstall(kube)).map(KubesprayRelease::tag).toList();
        return tags.isEmpty() ? "; no release tag of the checkout lists " + kube + " in its kubelet checksums"
                : "; tags that can install it: " + String.join(", ", tags);
    }

    /** The hops so far, and the Kubernetes version the cluster will run after them. */
    private static final class Hops {
        private final List<Hop> list = new ArrayList<>();
        private final Position position;
        private String from;
        private Version kube;

        Hops(Position position, Version current) {
            this.position = position;
            this.from = position.tagged() ? position.tag() : position.commit().substring(0, 12);
            this.kube = current;
        }

        /** Adds the hop to {@code kube} with {@code release}, first one hop per Kubernetes minor in between. */
        boolean add(KubesprayRelease release, Version desired, List<String> refusals) {
            if (release.minRequired() != null && kube.isBefore(release.minRequired())) {
                refusals.add(release.tag() + " upgrades from Kubernetes " + release.minRequired() + " or newer (kube_version_min_required)"
                        + " and the cluster would run " + kube + "; an earlier tag must come first");
                return false;
            }
            while (kube.minorsTo(desired) > 1) {
                String nextMinor = kube.major() + "." + (kube.minor() + 1);
                Optional<Version> step = release.newestOf(nextMinor);
                if (step.isEmpty()) {
                    refusals.add("going from Kubernetes " + kube + " to " + desired + " with " + release.tag()
                            + " would skip the " + nextMinor + " minor, which that tag cannot install ("
                            + release.installableRange() + "); Kubernetes upgrades one minor at a time");
                    return false;
                }
                append(release, step.get(), "through " + nextMinor + " first: one Kubernetes minor at a time");
            }
            if (release.tag().equals(position.tag()) && list.isEmpty() && desired.equals(kube)) {
                return true;
            }
            if (!list.isEmpty() && list.get(list.size() - 1).tag().equals(release.tag()) && desired.equals(kube)) {
                return true;
            }
            boolean isDefault = desired.equals(release.defaultKubeVersion());
            append(release, desired, isDefault ? "latest patch of Kubespray " + release.line() + ", its default Kubernetes"
                    : "latest patch of Kubespray " + release.line() + ", kube_version " + desired + " forced (the tag's default is "
                    + release.defaultKubeVersion() + ")");
            return true;
        }

        private void append(KubesprayRelease release, Version to, String reason) {
            list.add(new Hop(list.size() + 1, from, release.tag(), release.commit(), kube.toString(), to.toString(),
                    release.kubeVersionValue(to), to.equals(release.defaultKubeVersion()), release.upgradePlaybook(), reason));
            from = release.tag();
            kube = to;
        }
    }

    /** "v2.14.2 -> v2.15.1": the hops in one line, for logs. */
    public static String summary(UpgradePlan plan) {
        return plan.hops().stream().map(Hop::label).collect(Collectors.joining(" -> "));
    }
}
