package io.kubemagic.engine.kubespray;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Small Kubespray repositories for tests, one commit per release, written straight into the
 * object database with JGit (fast enough for 150 tags). Each release's files sit where its era
 * keeps them (kube_version, kubelet checksums, sample inventory, playbooks at the root or in playbooks/).
 */
public final class SyntheticKubespray implements AutoCloseable {
    private final Git git;
    private final Repository repository;
    private ObjectId head;
    private int sequence;

    private SyntheticKubespray(Git git) {
        this.git = git;
        this.repository = git.getRepository();
    }

    public static SyntheticKubespray init(Path directory) {
        try {
            return new SyntheticKubespray(Git.init().setDirectory(directory.toFile()).setInitialBranch("master").call());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A repository with one tagged commit per release, in version order. */
    public static Path of(Path directory, List<ReleaseFacts> releases) {
        try (SyntheticKubespray repo = init(directory)) {
            releases.stream().sorted(Comparator.comparing(ReleaseFacts::version)).forEach(repo::release);
        }
        return directory;
    }

    public String head() {
        return head.getName();
    }

    /** Commits this release's files and tags the commit; returns the commit id. */
    public String release(ReleaseFacts facts) {
        String commit = commit(files(facts), "Release " + facts.tag());
        tag(facts.tag(), commit);
        return commit;
    }

    /** An untagged commit on top (the "deployed from master" case): the files of {@code like}, plus a change. */
    public String untagged(ReleaseFacts like, String message) {
        Map<String, String> files = files(like);
        files.put("CHANGES.md", message + " " + (++sequence) + "\n");
        return commit(files, message);
    }

    public void tag(String tag, String commit) {
        try {
            RefUpdate update = repository.updateRef(Constants.R_TAGS + tag);
            update.setNewObjectId(ObjectId.fromString(commit));
            update.forceUpdate();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Map<String, String> files(ReleaseFacts f) {
        Map<String, String> files = new TreeMap<>();
        List<String> keys = f.amd64Versions().stream().map(v -> Version.parse("v", v)).sorted(Comparator.reverseOrder())
                .map(v -> f.bareKeys() ? v.bare() : v.toString()).toList();
        StringBuilder checksums = new StringBuilder("---\nkubelet_checksums:\n  arm64:\n    " + keys.get(0) + ": 0\n  amd64:\n");
        keys.forEach(k -> checksums.append("    ").append(k).append(": ").append(Integer.toHexString(k.hashCode())).append("\n"));
        checksums.append("kubectl_checksums:\n  amd64:\n    ").append(keys.get(0)).append(": 1\n");
        append(files, f.checksumsIn(), checksums.toString());
        String definedAs = f.kubeVersionDefinedAs().contains("{{") ? "\"" + f.kubeVersionDefinedAs() + "\"" : f.kubeVersionDefinedAs();
        append(files, f.kubeVersionDefinedIn(), "---\n# Kubernetes configuration dirs\nkube_version: " + definedAs + "\n");
        append(files, f.minRequiredDefinedIn(), "kube_version_min_required: " + f.minRequired() + "\n");
        String sample = "inventory/sample/";
        StringBuilder ini = new StringBuilder();
        f.iniSections().forEach(s -> ini.append("[").append(s).append("]\n\n"));
        files.put(sample + "inventory.ini", ini.toString());
        Version tag = f.version();
        boolean since215 = !tag.isBefore(new Version(2, 15, 0));
        for (String file : f.groupVarsFiles()) {
            StringBuilder text = new StringBuilder("---\n");
            if (file.endsWith("/k8s-cluster.yml")) {
                text.append("## Change this to use another Kubernetes version\nkube_version: ").append(f.kubeVersionDefault()).append("\n");
                text.append("kube_network_plugin: calico\ncluster_name: cluster.local\n");
                text.append(since215 ? "# kube_proxy_strict_arp: false\n" : "kube_api_anonymous_auth: true\n");
                text.append("kube_proxy_mode: ").append(since215 ? "ipvs" : "iptables").append("\n");
            } else if (file.endsWith("all/all.yml")) {
                text.append("etcd_data_dir: /var/lib/etcd\n# loadbalancer_apiserver_port: 6443\nupstream_dns_servers:\n  - 8.8.8.8\n");
            } else if (file.endsWith("/addons.yml")) {
                text.append("helm_enabled: false\n# registry_enabled: false\n");
            } else {
                text.append("# ").append(file.replaceAll("\\W", "_")).append("_example: true\n");
            }
            files.put(sample + file, text.toString());
        }
        files.put("upgrade-cluster.yml", f.playbooksDir() ? "---\n- import_playbook: playbooks/upgrade_cluster.yml\n"
                : "---\n- hosts: all\n  roles: [kubespray-defaults]\n");
        files.put("cluster.yml", "---\n- hosts: all\n");
        if (f.playbooksDir()) {
            files.put("playbooks/upgrade_cluster.yml", "---\n- hosts: all\n  roles: [kubespray_defaults]\n");
        }
        files.put("README.md", "# Kubespray " + f.tag() + "\n");
        return files;
    }

    private static void append(Map<String, String> files, String path, String text) {
        files.merge(path, text, (a, b) -> a + b.replaceFirst("^---\n", ""));
    }

    public String commit(Map<String, String> files, String message) {
        try (ObjectInserter inserter = repository.newObjectInserter()) {
            ObjectId tree = tree(inserter, files, "");
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(tree);
            if (head != null) {
                commit.setParentId(head);
            }
            PersonIdent who = new PersonIdent("Kube Magic tests", "tests@kubemagic.invalid", Instant.ofEpochSecond(1_600_000_000L + sequence++ * 60L),
                    java.time.ZoneOffset.UTC);
            commit.setAuthor(who);
            commit.setCommitter(who);
            commit.setMessage(message);
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            RefUpdate update = repository.updateRef(Constants.R_HEADS + "master");
            update.setNewObjectId(id);
            update.forceUpdate();
            head = id;
            return id.getName();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectId tree(ObjectInserter inserter, Map<String, String> files, String prefix) throws IOException {
        Map<String, Map<String, String>> folders = new TreeMap<>();
        Map<String, String> here = new TreeMap<>();
        for (Map.Entry<String, String> entry : files.entrySet()) {
            String path = entry.getKey();
            int slash = path.indexOf('/');
            if (slash < 0) {
                here.put(path, entry.getValue());
            } else {
                folders.computeIfAbsent(path.substring(0, slash), k -> new LinkedHashMap<>()).put(path.substring(slash + 1), entry.getValue());
            }
        }
        // Git sorts tree entries by name, folders as if they ended with "/".
        TreeMap<String, Object> entries = new TreeMap<>();
        here.forEach(entries::put);
        folders.forEach((name, content) -> entries.put(name + "/", content));
        TreeFormatter formatter = new TreeFormatter();
        for (Map.Entry<String, Object> entry : entries.entrySet()) {
            if (entry.getValue() instanceof String text) {
                formatter.append(entry.getKey(), FileMode.REGULAR_FILE,
                        inserter.insert(Constants.OBJ_BLOB, text.getBytes(StandardCharsets.UTF_8)));
            } else {
                @SuppressWarnings("unchecked")
                Map<String, String> content = (Map<String, String>) entry.getValue();
                String name = entry.getKey().substring(0, entry.getKey().length() - 1);
                formatter.append(name, FileMode.TREE, tree(inserter, content, prefix + name + "/"));
            }
        }
        return inserter.insert(formatter);
    }

    @Override
    public void close() {
        git.close();
    }
}
