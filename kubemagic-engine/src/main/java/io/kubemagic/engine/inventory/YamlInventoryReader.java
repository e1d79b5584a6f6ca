package io.kubemagic.engine.inventory;

import io.kubemagic.engine.InvalidInputException;

import java.nio.file.Path;
import java.util.Map;

/** The YAML inventory format: {@code all: {hosts: ..., children: {group: {hosts: ..., vars: ...}}, vars: ...}}. */
final class YamlInventoryReader {
    private final Inventory inventory;
    private final Path file;

    YamlInventoryReader(Inventory inventory, Path file) {
        this.inventory = inventory;
        this.file = file;
    }

    void read(Object document) {
        if (document == null) {
            return;
        }
        if (!(document instanceof Map<?, ?> top)) {
            throw invalid("the top level must be a mapping of groups (all: ...), not a " + InventoryLoader.describe(document));
        }
        top.forEach((name, body) -> group(String.valueOf(name), body));
    }

    private void group(String name, Object body) {
        inventory.group(name);
        if (!Inventory.ALL.equals(name)) {
            inventory.addChild(Inventory.ALL, name);
        }
        if (isEmpty(body)) {
            return;
        }
        if (!(body instanceof Map<?, ?> map)) {
            throw invalid("group " + name + " must be a mapping with hosts, children or vars, not a "
                    + InventoryLoader.describe(body));
        }
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String key = String.valueOf(entry.getKey());
            Object value = entry.getValue();
            switch (key) {
                case "hosts" -> hosts(name, value);
                case "children" -> children(name, value);
                case "vars" -> {
                    if (value instanceof Map<?, ?> vars) {
                        inventory.addGroupVars(name, InventoryLoader.stringKeys(vars));
                    } else if (value != null) {
                        throw invalid("vars of group " + name + " must be a mapping");
                    }
                }
                default -> throw invalid("group " + name + " has the key \"" + key + "\"; a group has only hosts, "
                        + "children and vars (is \"" + key + "\" a host or group indented one level too far?)");
            }
        }
    }

    private void hosts(String group, Object value) {
        if (isEmpty(value)) {
            return;
        }
        if (!(value instanceof Map<?, ?> hosts)) {
            throw invalid("hosts of group " + group + " must be a mapping (host: {vars} or host:), not a "
                    + InventoryLoader.describe(value));
        }
        hosts.forEach((host, vars) -> {
            Map<String, Object> hostVars = vars instanceof Map<?, ?> m ? InventoryLoader.stringKeys(m) : Map.of();
            if (!isEmpty(vars) && !(vars instanceof Map)) {
                throw invalid("host " + host + " in group " + group + " must map to its variables (or nothing), not a "
                        + InventoryLoader.describe(vars));
            }
            for (String name : HostRanges.expand(String.valueOf(host))) {
                inventory.addHost(group, name, hostVars);
            }
        });
    }

    private void children(String parent, Object value) {
        if (isEmpty(value)) {
            return;
        }
        if (!(value instanceof Map<?, ?> children)) {
            throw invalid("children of group " + parent + " must be a mapping of groups, not a " + InventoryLoader.describe(value));
        }
        children.forEach((child, body) -> {
            String name = String.valueOf(child);
            group(name, body);
            inventory.addChild(parent, name);
        });
    }

    /** "host:" with nothing after it reads as null or as an empty string, depending on the parser. */
    private static boolean isEmpty(Object value) {
        return value == null || value instanceof String s && s.isEmpty();
    }

    private InvalidInputException invalid(String message) {
        return new InvalidInputException("inventory", file + ": " + message);
    }
}
