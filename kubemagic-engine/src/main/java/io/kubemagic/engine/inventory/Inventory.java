package io.kubemagic.engine.inventory;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An Ansible inventory as Ansible reads it: hosts in the order they are listed, groups with their
 * hosts, children and variables, and the variables of {@code group_vars/} and {@code host_vars/}.
 * Variables are kept where they are defined (not merged), because the lint rules care about where.
 */
public final class Inventory {
    public static final String ALL = "all";
    public static final String UNGROUPED = "ungrouped";

    private final List<Path> sources;
    private final Map<String, Map<String, Object>> hostVars = new LinkedHashMap<>();
    private final Map<String, Group> groups = new LinkedHashMap<>();
    private final List<VariableDefinition> fileVariables = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    Inventory(List<Path> sources) {
        this.sources = List.copyOf(sources);
        group(ALL);
    }

    /** A group: its own hosts, its child groups and the variables written in the inventory itself. */
    public static final class Group {
        private final String name;
        private final Set<String> hosts = new LinkedHashSet<>();
        private final Set<String> children = new LinkedHashSet<>();
        private final Map<String, Object> vars = new LinkedHashMap<>();

        Group(String name) {
            this.name = name;
        }

        public String name() {
            return name;
        }

        public Set<String> hosts() {
            return Collections.unmodifiableSet(hosts);
        }

        public Set<String> children() {
            return Collections.unmodifiableSet(children);
        }

        public Map<String, Object> vars() {
            return Collections.unmodifiableMap(vars);
        }
    }

    /** Where a variable is set: {@code kind} is host, host_vars, group or group_vars; {@code file} the file. */
    public record VariableDefinition(String kind, String owner, String variable, Object value, String file)
            implements Serializable {
        public boolean isGroupLevel() {
            return kind.startsWith("group");
        }
    }

    // --- building (the loader) ---

    Group group(String name) {
        return groups.computeIfAbsent(name, Group::new);
    }

    void addHost(String group, String host, Map<String, Object> vars) {
        hostVars.computeIfAbsent(host, h -> new LinkedHashMap<>()).putAll(vars);
        group(group).hosts.add(host);
    }

    void addChild(String parent, String child) {
        group(parent).children.add(child);
        group(child);
    }

    void addGroupVars(String group, Map<String, Object> vars) {
        group(group).vars.putAll(vars);
    }

    void addFileVariables(String kind, String owner, Map<String, Object> vars, String file) {
        vars.forEach((name, value) -> fileVariables.add(new VariableDefinition(kind, owner, name, value, file)));
    }

    void note(String text) {
        notes.add(text);
    }

    // --- reading ---

    public List<Path> sources() {
        return sources;
    }

    /** Things the loader could not check (an encrypted vars file), for the lint report. */
    public List<String> notes() {
        return List.copyOf(notes);
    }

    /** Every host, in the order the inventory first lists it. */
    public Set<String> hosts() {
        return Collections.unmodifiableSet(hostVars.keySet());
    }

    public boolean hasHost(String name) {
        return hostVars.containsKey(name);
    }

    public boolean hasGroup(String name) {
        return groups.containsKey(name);
    }

    public Map<String, Group> groups() {
        return Collections.unmodifiableMap(groups);
    }

    /** The variables written on the host's own line or entry. */
    public Map<String, Object> inlineHostVars(String host) {
        return Collections.unmodifiableMap(hostVars.getOrDefault(host, Map.of()));
    }

    /** Hosts of the group and of all its descendants, in inventory order; every host for "all". */
    public Set<String> hostsOf(String group) {
        if (ALL.equals(group)) {
            return hosts();
        }
        Set<String> members = new LinkedHashSet<>();
        collect(group, members, new LinkedHashSet<>());
        Set<String> ordered = new LinkedHashSet<>();
        for (String host : hostVars.keySet()) {
            if (members.contains(host)) {
                ordered.add(host);
            }
        }
        return ordered;
    }

    /** The group's hosts in the order the group lists them (its own hosts first, then its children's). */
    public List<String> listedHostsOf(String group) {
        Set<String> members = new LinkedHashSet<>();
        collect(group, members, new LinkedHashSet<>());
        return List.copyOf(members);
    }

    private void collect(String group, Set<String> into, Set<String> visited) {
        Group g = groups.get(group);
        if (g == null || !visited.add(group)) {
            return;
        }
        into.addAll(g.hosts);
        for (String child : g.children) {
            collect(child, into, visited);
        }
    }

    /** Every group the host belongs to, directly or through a child group, "all" included. */
    public Set<String> groupsOf(String host) {
        Set<String> result = new LinkedHashSet<>();
        for (String group : groups.keySet()) {
            if (hostsOf(group).contains(host)) {
                result.add(group);
            }
        }
        return result;
    }

    /** Every place the variable is set: inventory host entries and group vars, then host_vars and group_vars files. */
    public List<VariableDefinition> definitions(String variable) {
        List<VariableDefinition> found = new ArrayList<>();
        String where = sources.isEmpty() ? "inventory" : sources.get(0).toString();
        hostVars.forEach((host, vars) -> {
            if (vars.containsKey(variable)) {
                found.add(new VariableDefinition("host", host, variable, vars.get(variable), where));
            }
        });
        groups.values().forEach(g -> {
            if (g.vars.containsKey(variable)) {
                found.add(new VariableDefinition("group", g.name, variable, g.vars.get(variable), where));
            }
        });
        for (VariableDefinition definition : fileVariables) {
            if (definition.variable().equals(variable)) {
                found.add(definition);
            }
        }
        return found;
    }
}
