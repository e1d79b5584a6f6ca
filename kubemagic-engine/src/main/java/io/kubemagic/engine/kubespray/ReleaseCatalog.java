package io.kubemagic.engine.kubespray;

import io.kubemagic.engine.InvalidInputException;
import io.kubemagic.engine.KubeMagicException;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The release tags of a Kubespray checkout and, per tag, what it installs. Read with JGit from
 * the files where each era keeps the facts (they moved four times); see {@link #readRelease}.
 * Tags are ordered by version, not by date (v2.26.1 was tagged after v2.30.0).
 */
public final class ReleaseCatalog implements AutoCloseable {
    /** Where {@code kube_version} is defined, newest layout first. */
    static final List<String> KUBE_VERSION_FILES = List.of(
            "roles/kubespray_defaults/defaults/main/main.yml",
            "roles/kubespray-defaults/defaults/main/main.yml",
            "roles/kubespray-defaults/defaults/main.yaml",
            "roles/kubespray-defaults/defaults/main.yml",
            "roles/download/defaults/main.yml");
    /** Where {@code kubelet_checksums} lives, newest layout first. */
    static final List<String> CHECKSUM_FILES = List.of(
            "roles/kubespray_defaults/vars/main/checksums.yml",
            "roles/kubespray-defaults/defaults/main/checksums.yml",
            "roles/download/defaults/main/checksums.yml",
            "roles/download/defaults/main.yml",
            "roles/download/defaults/main/main.yml");

    private final Path directory;
    private final Git git;
    private final Repository repository;
    private final List<KubesprayRelease> releases;
    private final Map<String, KubesprayRelease> byTag = new HashMap<>();
    private final Map<String, KubesprayRelease> byCommit = new HashMap<>();

    private ReleaseCatalog(Path directory, Git git) {
        this.directory = directory;
        this.git = git;
        this.repository = git.getRepository();
        this.releases = readReleases();
        for (KubesprayRelease release : releases) {
            byTag.put(release.tag(), release);
            byCommit.putIfAbsent(release.commit(), release);
        }
    }

    /** Opens a Kubespray checkout (its work tree or its .git directory). */
    public static ReleaseCatalog open(Path directory) {
        if (directory == null || !Files.isDirectory(directory)) {
            throw new InvalidInputException("kubesprayDir", directory + " is not a directory; give the path of "
                    + "your Kubespray checkout (git clone https://github.com/kubernetes-sigs/kubespray)");
        }
        try {
            return new ReleaseCatalog(directory, Git.open(directory.toFile()));
        } catch (RepositoryNotFoundException e) {
            throw new InvalidInputException("kubesprayDir", directory + " is not a git checkout (no .git); the release "
                    + "catalog is read from the tags of a Kubespray clone");
        } catch (IOException e) {
            throw new KubeMagicException("cannot open the git repository in " + directory + ": " + e.getMessage(), e);
        }
    }

    public Path directory() {
        return directory;
    }

    /** Every release tag (vX.Y.Z), in version order. */
    public List<KubesprayRelease> releases() {
        return releases;
    }

    public Optional<KubesprayRelease> release(String tag) {
        if (tag == null) {
            return Optional.empty();
        }
        KubesprayRelease exact = byTag.get(tag.trim());
        if (exact != null) {
            return Optional.of(exact);
        }
        return Version.tryParse(tag).flatMap(v -> releases.stream().filter(r -> r.version().equals(v)).findFirst());
    }

    public GitTree tree(String commitish) {
        try (RevWalk walk = new RevWalk(repository)) {
            ObjectId id;
            try {
                id = repository.resolve(commitish + "^{commit}");
            } catch (org.eclipse.jgit.errors.MissingObjectException missing) {
                id = null;
            }
            if (id == null) {
                throw new InvalidInputException("kubesprayRef", "\"" + commitish + "\" is not a commit, tag or branch of " + directory);
            }
            return new GitTree(repository, walk.parseCommit(id));
        } catch (org.eclipse.jgit.errors.MissingObjectException e) {
            throw new InvalidInputException("kubesprayRef", "unknown commit: " + commitish + " is not in " + directory);
        } catch (IOException e) {
            throw new KubeMagicException("cannot read " + commitish + " in " + directory + ": " + e.getMessage(), e);
        }
    }

    private List<KubesprayRelease> readReleases() {
        List<KubesprayRelease> list = new ArrayList<>();
        try (RevWalk walk = new RevWalk(repository)) {
            for (Ref ref : repository.getRefDatabase().getRefsByPrefix(Constants.R_TAGS)) {
                String tag = ref.getName().substring(Constants.R_TAGS.length());
                Optional<Version> version = tag.startsWith("v") ? Version.tryParse(tag) : Optional.empty();
                if (version.isEmpty()) {
                    continue;
                }
                RevCommit commit;
                try {
                    commit = walk.parseCommit(ref.getObjectId());
                } catch (org.eclipse.jgit.errors.IncorrectObjectTypeException notACommit) {
                    continue;
                }
                list.add(readRelease(tag, version.get(), new GitTree(repository, commit)));
            }
        } catch (IOException e) {
            throw new KubeMagicException("cannot list the tags of " + directory + ": " + e.getMessage(), e);
        }
        list.sort(Comparator.comparing(KubesprayRelease::version));
        return List.copyOf(list);
    }

    /** The facts of one tag, from whichever files that era uses. */
    static KubesprayRelease readRelease(String tag, Version version, GitTree tree) {
        String checksumsFile = null;
        List<String> keys = List.of();
        for (String file : CHECKSUM_FILES) {
            Optional<String> text = tree.read(file);
            if (text.isPresent()) {
                List<String> found = KubesprayFiles.mapKeys(text.get(), "kubelet_checksums", "amd64");
                if (!found.isEmpty()) {
                    checksumsFile = file;
                    keys = found;
                    break;
                }
            }
        }
        List<Version> installable = keys.stream().map(Version::tryParse).flatMap(Optional::stream).toList();
        boolean bare = !keys.isEmpty() && !keys.get(0).startsWith("v");
        Version defaultKube = null;
        String source = null;
        Version minRequired = null;
        for (String file : KUBE_VERSION_FILES) {
            Optional<String> text = tree.read(file);
            if (text.isEmpty()) {
                continue;
            }
            if (minRequired == null) {
                minRequired = KubesprayFiles.scalar(text.get(), "kube_version_min_required").flatMap(Version::tryParse).orElse(null);
            }
            Optional<String> value = KubesprayFiles.scalar(text.get(), "kube_version");
            if (value.isPresent() && defaultKube == null) {
                if (value.get().contains("{{") && !installable.isEmpty()) {
                    defaultKube = installable.get(0);
                    source = "first kubelet_checksums.amd64 key in " + checksumsFile + " (" + file + " derives it)";
                } else {
                    defaultKube = Version.tryParse(value.get()).orElse(null);
                    source = file;
                }
            }
        }
        String clusterGroup = tree.exists("inventory/sample/group_vars/k8s_cluster") ? "k8s_cluster"
                : tree.exists("inventory/sample/group_vars/k8s-cluster") ? "k8s-cluster" : null;
        String controlPlane = tree.read("inventory/sample/inventory.ini")
                .map(ini -> ini.contains("[kube_control_plane]") ? "kube_control_plane"
                        : ini.contains("[kube-master]") ? "kube-master" : null)
                .orElse(null);
        boolean inPlaybooksDir = tree.exists("playbooks/upgrade_cluster.yml");
        String upgradePlaybook = tree.exists("upgrade-cluster.yml") ? "upgrade-cluster.yml"
                : inPlaybooksDir ? "playbooks/upgrade_cluster.yml" : null;
        return new KubesprayRelease(tag, version, tree.commit(), defaultKube, source, installable, checksumsFile,
                minRequired, bare, clusterGroup, controlPlane, inPlaybooksDir ? "playbooks" : "root", upgradePlaybook);
    }

    /**
     * Where {@code ref} (a tag, branch or commit; HEAD when null) stands among the releases.
     * An untagged commit gets the nearest release it contains and the first release containing it.
     */
    public Position position(String ref) {
        String wanted = ref == null || ref.isBlank() ? Constants.HEAD : ref.trim();
        try (RevWalk walk = new RevWalk(repository)) {
            ObjectId id;
            try {
                id = repository.resolve(wanted + "^{commit}");
            } catch (org.eclipse.jgit.errors.RevisionSyntaxException | org.eclipse.jgit.errors.AmbiguousObjectException
                     | org.eclipse.jgit.errors.MissingObjectException e) {
                id = null;
            }
            if (id == null) {
                throw new InvalidInputException("kubesprayRef", "unknown commit: \"" + wanted + "\" is not a commit, tag or "
                        + "branch of the Kubespray checkout " + directory + " (fetch it first: git fetch --tags)");
            }
            RevCommit commit;
            try {
                commit = walk.parseCommit(id);
            } catch (org.eclipse.jgit.errors.MissingObjectException | org.eclipse.jgit.errors.IncorrectObjectTypeException e) {
                throw new InvalidInputException("kubesprayRef", "unknown commit: " + wanted + " is not in the Kubespray checkout "
                        + directory + " (fetch it first: git fetch --tags, or check the commit id)");
            }
            KubesprayRelease exact = byTag.containsKey(wanted) ? byTag.get(wanted) : byCommit.get(commit.getName());
            if (exact != null) {
                return new Position(wanted, commit.getName(), exact.tag(), exact.tag(), 0, exact.tag(), 0, exact.tag());
            }
            Map<String, KubesprayRelease> tagged = new HashMap<>(byCommit);
            int[] distance = new int[1];
            KubesprayRelease previous = nearestAncestor(walk, commit, tagged, distance);
            int since = distance[0];
            KubesprayRelease next = null;
            int until = Integer.MAX_VALUE;
            for (KubesprayRelease release : releases) {
                if (previous != null && !release.version().isAfter(previous.version())) {
                    continue;
                }
                RevCommit candidate = walk.parseCommit(ObjectId.fromString(release.commit()));
                walk.reset();
                if (!walk.isMergedInto(commit, candidate)) {
                    continue;
                }
                int count = count(walk, candidate, commit);
                if (count < until) {
                    until = count;
                    next = release;
                }
            }
            String closest = previous == null ? (next == null ? null : next.tag())
                    : next == null || since <= until ? previous.tag() : next.tag();
            if (closest == null) {
                throw new InvalidInputException("kubesprayRef", "commit " + commit.getName() + " is related to no release tag of "
                        + directory + "; fetch the tags (git fetch --tags) or give kubesprayRef as the release in use");
            }
            return new Position(wanted, commit.getName(), null, previous == null ? null : previous.tag(),
                    previous == null ? -1 : since, next == null ? null : next.tag(), next == null ? -1 : until, closest);
        } catch (IOException e) {
            throw new KubeMagicException("cannot read " + wanted + " in " + directory + ": " + e.getMessage(), e);
        }
    }

    /** Breadth-first through the parents: the release tag fewest commits back. */
    private static KubesprayRelease nearestAncestor(RevWalk walk, RevCommit start, Map<String, KubesprayRelease> tagged,
                                                    int[] distance) throws IOException {
        Deque<RevCommit> queue = new ArrayDeque<>();
        Map<ObjectId, Integer> depth = new HashMap<>();
        queue.add(start);
        depth.put(start.copy(), 0);
        Set<ObjectId> seen = new HashSet<>();
        while (!queue.isEmpty()) {
            RevCommit current = queue.poll();
            int d = depth.get(current.copy());
            KubesprayRelease release = tagged.get(current.getName());
            if (release != null && d > 0) {
                distance[0] = d;
                return release;
            }
            RevCommit parsed = walk.parseCommit(current);
            for (RevCommit parent : parsed.getParents()) {
                if (seen.add(parent.copy())) {
                    depth.put(parent.copy(), d + 1);
                    queue.add(parent);
                }
            }
        }
        return null;
    }

    private static int count(RevWalk walk, RevCommit from, RevCommit excluded) throws IOException {
        walk.reset();
        walk.markStart(walk.parseCommit(from));
        walk.markUninteresting(walk.parseCommit(excluded));
        int n = 0;
        for (RevCommit ignored : walk) {
            n++;
        }
        walk.reset();
        return n;
    }

    @Override
    public void close() {
        git.close();
    }
}
