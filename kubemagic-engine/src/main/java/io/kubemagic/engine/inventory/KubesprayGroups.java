package io.kubemagic.engine.inventory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The group names a Kubespray checkout expects. Kubespray 2.16 renamed {@code kube-master} to
 * {@code kube_control_plane}, {@code kube-node} to {@code kube_node} and {@code k8s-cluster} to
 * {@code k8s_cluster}; releases around the rename accept both (with a deprecation warning).
 */
public enum KubesprayGroups {
    /** Before 2.16: kube-master, kube-node, k8s-cluster. */
    LEGACY("kube-master", "kube-node", "k8s-cluster", "broken_kube-master"),
    /** The releases that map the old names onto the new ones: both work, the new ones are expected. */
    TRANSITION("kube_control_plane", "kube_node", "k8s_cluster", "broken_kube_control_plane"),
    /** 2.16 and later without the old names: kube_control_plane, kube_node, k8s_cluster. */
    CURRENT("kube_control_plane", "kube_node", "k8s_cluster", "broken_kube_control_plane");

    public static final String ETCD = "etcd";
    public static final String BROKEN_ETCD = "broken_etcd";
    private static final Pattern NEW_NAME = Pattern.compile("\\bkube_control_plane\\b");
    private static final Pattern OLD_NAME = Pattern.compile("\\bkube-master\\b");

    private final String controlPlane;
    private final String node;
    private final String cluster;
    private final String brokenControlPlane;

    KubesprayGroups(String controlPlane, String node, String cluster, String brokenControlPlane) {
        this.controlPlane = controlPlane;
        this.node = node;
        this.cluster = cluster;
        this.brokenControlPlane = brokenControlPlane;
    }

    public String controlPlane() {
        return controlPlane;
    }

    public String node() {
        return node;
    }

    public String cluster() {
        return cluster;
    }

    public String brokenControlPlane() {
        return brokenControlPlane;
    }

    /** The other era's name of the same group, for "rename X to Y" fixes. */
    public static String otherName(String group) {
        return switch (group) {
            case "kube-master" -> "kube_control_plane";
            case "kube_control_plane" -> "kube-master";
            case "kube-node" -> "kube_node";
            case "kube_node" -> "kube-node";
            case "k8s-cluster" -> "k8s_cluster";
            case "k8s_cluster" -> "k8s-cluster";
            case "broken_kube-master" -> "broken_kube_control_plane";
            case "broken_kube_control_plane" -> "broken_kube-master";
            default -> null;
        };
    }

    /** "legacy", "current", "transition" (any case); null or "auto" gives null: detect from the checkout. */
    public static KubesprayGroups parse(String text) {
        if (text == null || text.isBlank() || text.equalsIgnoreCase("auto")) {
            return null;
        }
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new io.kubemagic.engine.InvalidInputException("groupNames", "\"" + text
                    + "\" is not a Kubespray group naming; use auto, legacy (kube-master), transition or current (kube_control_plane)");
        }
    }

    /**
     * The era of a checkout, from the group names its playbooks target (cluster.yml and playbooks/*.yml).
     * A checkout whose playbooks name neither counts as CURRENT.
     */
    public static KubesprayGroups detect(Path checkout) {
        List<Path> files = new ArrayList<>();
        for (String name : List.of("cluster.yml", "scale.yml", "recover-control-plane.yml", "remove-node.yml", "reset.yml")) {
            files.add(checkout.resolve(name));
        }
        Path playbooks = checkout.resolve("playbooks");
        if (Files.isDirectory(playbooks)) {
            try (Stream<Path> list = Files.list(playbooks)) {
                list.filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml")).sorted().forEach(files::add);
            } catch (IOException ignored) {
                // An unreadable directory tells nothing about the era.
            }
        }
        boolean newNames = false;
        boolean oldNames = false;
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                continue;
            }
            try {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                newNames |= NEW_NAME.matcher(text).find();
                oldNames |= OLD_NAME.matcher(text).find();
            } catch (IOException ignored) {
                // As above.
            }
        }
        if (newNames && oldNames) {
            return TRANSITION;
        }
        return oldNames ? LEGACY : CURRENT;
    }
}
