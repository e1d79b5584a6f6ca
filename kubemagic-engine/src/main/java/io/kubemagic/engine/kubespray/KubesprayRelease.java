package io.kubemagic.engine.kubespray;

import java.io.Serializable;
import java.util.List;

/**
 * What one Kubespray release tag says about Kubernetes: its default {@code kube_version}, the
 * versions it can install (the amd64 keys of {@code kubelet_checksums}), the lowest version it
 * upgrades from, the sample inventory's group names and where the playbooks live.
 *
 * @param installable every installable version, newest first, always written with a "v"
 * @param bareVersionKeys true from v2.28.0: version variables must be written without the "v"
 * @param playbooksDir "root" or "playbooks" (from v2.22 the real playbooks are in playbooks/)
 */
public record KubesprayRelease(
        String tag,
        Version version,
        String commit,
        Version defaultKubeVersion,
        String kubeVersionSource,
        List<Version> installable,
        String checksumsFile,
        Version minRequired,
        boolean bareVersionKeys,
        String clusterGroup,
        String controlPlaneGroup,
        String playbooksDir,
        String upgradePlaybook) implements Serializable {

    public boolean canInstall(Version kube) {
        return installable.contains(kube);
    }

    /** The Kubespray minor line this tag belongs to ("2.14"); patches of a line can be skipped, lines cannot. */
    public String line() {
        return version.minorLine();
    }

    /** Whether the catalog found the facts a plan needs (a default and the checksums). */
    public boolean usable() {
        return defaultKubeVersion != null && !installable.isEmpty();
    }

    /** The highest version of a Kubernetes minor this tag installs, if any. */
    public java.util.Optional<Version> newestOf(String minorLine) {
        return installable.stream().filter(v -> v.minorLine().equals(minorLine)).max(Version::compareTo);
    }

    public String installableRange() {
        if (installable.isEmpty()) {
            return "none";
        }
        Version min = installable.stream().min(Version::compareTo).orElseThrow();
        Version max = installable.stream().max(Version::compareTo).orElseThrow();
        return min + " to " + max;
    }

    /** {@code kube_version} as this tag wants it written ("1.32.5" from v2.28.0, "v1.19.9" before). */
    public String kubeVersionValue(Version kube) {
        return bareVersionKeys ? kube.bare() : kube.toString();
    }
}
