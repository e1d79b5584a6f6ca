package io.kubemagic.engine.kubespray;

import io.kubemagic.engine.KubeMagicException;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The variables of an inventory's {@code group_vars/**}: top-level {@code key: value} lines and,
 * in Kubespray's sample inventory, the commented {@code # key: value} lines that document a default.
 * A block value (a map or list on the following lines) is kept as its lines joined by "; ".
 */
public final class InventoryVariables {
    private static final Pattern ACTIVE = Pattern.compile("^([a-z_][a-z0-9_]*)\\s*:(?:\\s+(.*))?$");
    private static final Pattern COMMENTED = Pattern.compile("^#\\s?([a-z_][a-z0-9_]*)\\s*:(?:\\s+(.*))?$");

    /** One variable: where it is set, its value as written, and whether the line is commented out. */
    public record Variable(String name, String value, boolean commented, String file) implements Serializable {
    }

    private InventoryVariables() {
    }

    /** Variables of files given as (path relative to group_vars, content); an active line wins over a commented one. */
    public static Map<String, Variable> parse(Map<String, String> files) {
        Map<String, Variable> variables = new LinkedHashMap<>();
        files.entrySet().stream().filter(e -> e.getKey().endsWith(".yml") || e.getKey().endsWith(".yaml"))
                .forEach(e -> parseFile(e.getKey(), e.getValue(), variables));
        return variables;
    }

    private static void parseFile(String file, String text, Map<String, Variable> into) {
        String[] lines = text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            Matcher active = ACTIVE.matcher(lines[i]);
            Matcher commented = COMMENTED.matcher(lines[i]);
            boolean isActive = active.matches();
            if (!isActive && !commented.matches()) {
                continue;
            }
            Matcher m = isActive ? active : commented;
            String value = m.group(2) == null ? "" : KubesprayFiles.stripComment(m.group(2)).trim();
            if (value.isEmpty()) {
                value = block(lines, i + 1, !isActive);
            }
            Variable variable = new Variable(m.group(1), value, !isActive, file);
            Variable existing = into.get(variable.name());
            if (existing == null || existing.commented() && !variable.commented()) {
                into.put(variable.name(), variable);
            }
        }
    }

    private static String block(String[] lines, int from, boolean commented) {
        List<String> parts = new ArrayList<>();
        for (int i = from; i < lines.length; i++) {
            String line = commented && lines[i].startsWith("#") ? lines[i].substring(1) : lines[i];
            if (line.isBlank() || !(line.startsWith(" ") || line.startsWith("-"))) {
                break;
            }
            parts.add(line.trim());
        }
        return String.join("; ", parts);
    }

    /** The group_vars of a user's inventory on disk (the folder holding hosts.yaml or inventory.ini). */
    public static Map<String, Variable> ofInventory(Path inventory) {
        Path groupVars = inventory.resolve("group_vars");
        Map<String, String> files = new LinkedHashMap<>();
        if (Files.isDirectory(groupVars)) {
            try (Stream<Path> walk = Files.walk(groupVars)) {
                for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                    files.put(groupVars.relativize(file).toString(), Files.readString(file, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                throw new KubeMagicException("cannot read " + groupVars + ": " + e.getMessage(), e);
            }
        }
        Map<String, Variable> all = parse(files);
        all.values().removeIf(Variable::commented);
        return all;
    }
}
