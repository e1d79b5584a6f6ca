package io.kubemagic.engine.inventory;

import io.kubemagic.engine.InvalidInputException;
import io.kubemagic.engine.KubeMagicException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads an inventory the way {@code ansible-playbook -i} does: a YAML file ({@code .yml}, {@code .yaml},
 * {@code .json}), an INI file (any other name, such as ceph-ansible's {@code hosts}), or a directory of
 * them; then {@code group_vars/} and {@code host_vars/} beside the inventory (and beside the playbook,
 * when given). Each group_vars entry may be a file ({@code etcd.yml}, {@code etcd}) or a directory of files
 * ({@code group_vars/all/all.yml}), as in Kubespray's sample inventory.
 */
public final class InventoryLoader {
    private static final Set<String> YAML_EXTENSIONS = Set.of("yml", "yaml", "json");
    private static final Set<String> SKIPPED_EXTENSIONS = Set.of("retry", "md", "txt", "orig", "bak", "swp", "cfg", "pyc", "py", "sh");

    private InventoryLoader() {
    }

    public static Inventory load(Path source) {
        return load(source, List.of());
    }

    /** {@code moreVarsDirectories}: other places with group_vars/host_vars, such as the playbook's directory. */
    public static Inventory load(Path source, List<Path> moreVarsDirectories) {
        if (!Files.exists(source)) {
            throw new InvalidInputException("inventory", source + " does not exist; check the site layout "
                    + "(inventory path) and the inventory name");
        }
        Inventory inventory = new Inventory(List.of(source));
        List<Path> varsRoots = new ArrayList<>();
        if (Files.isDirectory(source)) {
            for (Path file : inventoryFiles(source)) {
                loadFile(inventory, file);
            }
            varsRoots.add(source);
        } else {
            loadFile(inventory, source);
            varsRoots.add(source.toAbsolutePath().getParent());
        }
        for (Path more : moreVarsDirectories) {
            Path normalized = more.toAbsolutePath().normalize();
            if (varsRoots.stream().noneMatch(r -> r.toAbsolutePath().normalize().equals(normalized))) {
                varsRoots.add(more);
            }
        }
        for (Path root : varsRoots) {
            loadVarsDirectory(inventory, root.resolve("group_vars"), "group_vars");
            loadVarsDirectory(inventory, root.resolve("host_vars"), "host_vars");
        }
        return inventory;
    }

    private static List<Path> inventoryFiles(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith("."))
                    .filter(f -> !f.getFileName().toString().endsWith("~"))
                    .filter(f -> !SKIPPED_EXTENSIONS.contains(extension(f)))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new KubeMagicException("cannot list the inventory directory " + directory + ": " + e.getMessage(), e);
        }
    }

    private static void loadFile(Inventory inventory, Path file) {
        if (YAML_EXTENSIONS.contains(extension(file))) {
            new YamlInventoryReader(inventory, file).read(SafeYaml.read(file));
        } else {
            new IniInventoryReader(inventory, file).read(readText(file));
        }
    }

    private static void loadVarsDirectory(Inventory inventory, Path directory, String kind) {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (Stream<Path> entries = Files.list(directory)) {
            for (Path entry : entries.sorted().toList()) {
                String name = entry.getFileName().toString();
                if (name.startsWith(".")) {
                    continue;
                }
                if (Files.isDirectory(entry)) {
                    try (Stream<Path> files = Files.walk(entry)) {
                        for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                            if (isVarsFile(file)) {
                                loadVarsFile(inventory, kind, name, file);
                            }
                        }
                    }
                } else if (isVarsFile(entry)) {
                    String owner = YAML_EXTENSIONS.contains(extension(entry))
                            ? name.substring(0, name.lastIndexOf('.')) : name;
                    loadVarsFile(inventory, kind, owner, entry);
                }
            }
        } catch (IOException e) {
            throw new KubeMagicException("cannot read " + directory + ": " + e.getMessage(), e);
        }
    }

    private static boolean isVarsFile(Path file) {
        String name = file.getFileName().toString();
        String extension = extension(file);
        return !name.startsWith(".") && !name.endsWith("~")
                && (extension.isEmpty() || YAML_EXTENSIONS.contains(extension));
    }

    private static void loadVarsFile(Inventory inventory, String kind, String owner, Path file) {
        String text = readText(file);
        if (text.startsWith("$ANSIBLE_VAULT")) {
            inventory.note(file + " is encrypted with ansible-vault; its variables were not checked");
            return;
        }
        Object parsed = SafeYaml.parse(file.toString(), text);
        if (parsed == null) {
            return;
        }
        if (!(parsed instanceof Map<?, ?> map)) {
            throw new InvalidInputException("inventory", file + " must hold a mapping of variable: value, not a "
                    + describe(parsed));
        }
        inventory.addFileVariables(kind, owner, stringKeys(map), file.toString());
    }

    static Map<String, Object> stringKeys(Map<?, ?> map) {
        Map<String, Object> result = new LinkedHashMap<>();
        map.forEach((k, v) -> result.put(String.valueOf(k), v));
        return result;
    }

    static String describe(Object value) {
        return value instanceof List ? "list" : value == null ? "null" : value.getClass().getSimpleName().toLowerCase(Locale.ROOT);
    }

    private static String readText(Path file) {
        try {
            if (Files.size(file) > SafeYaml.MAX_CODE_POINTS) {
                throw new InvalidInputException("inventory", file + " is too large to be an inventory");
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new KubeMagicException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
