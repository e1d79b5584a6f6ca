package io.kubemagic.engine.inventory;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Ansible host patterns as {@code --limit} takes them: names of hosts or groups separated by
 * {@code ,} or {@code :}, globs ({@code node*}), regular expressions ({@code ~node[0-9]+}),
 * exclusions ({@code !node3}) and intersections ({@code &etcd}).
 */
public final class HostPattern {
    /** One term of the pattern and the hosts it matched; {@code matched} empty means the term names nothing. */
    public record Term(String text, String name, char operator, Set<String> matched) {
    }

    private HostPattern() {
    }

    public static List<Term> terms(Inventory inventory, String pattern) {
        List<Term> terms = new ArrayList<>();
        if (pattern == null || pattern.isBlank()) {
            return terms;
        }
        for (String raw : split(pattern)) {
            String text = raw.strip();
            if (text.isEmpty()) {
                continue;
            }
            char operator = text.charAt(0) == '!' || text.charAt(0) == '&' ? text.charAt(0) : ',';
            String name = operator == ',' ? text : text.substring(1);
            terms.add(new Term(text, name, operator, match(inventory, name)));
        }
        return terms;
    }

    /** The hosts the whole pattern selects, in inventory order. */
    public static Set<String> select(Inventory inventory, String pattern) {
        Set<String> selected = new LinkedHashSet<>();
        List<Term> terms = terms(inventory, pattern);
        for (Term term : terms) {
            if (term.operator() == ',') {
                selected.addAll(term.matched());
            }
        }
        for (Term term : terms) {
            if (term.operator() == '&') {
                selected.retainAll(term.matched());
            } else if (term.operator() == '!') {
                selected.removeAll(term.matched());
            }
        }
        Set<String> ordered = new LinkedHashSet<>();
        for (String host : inventory.hosts()) {
            if (selected.contains(host)) {
                ordered.add(host);
            }
        }
        return ordered;
    }

    private static Set<String> match(Inventory inventory, String name) {
        String bare = name.replaceFirst("\\[[-0-9:]*]$", "");
        if (bare.equals(Inventory.ALL) || bare.equals("*")) {
            return inventory.hosts();
        }
        if (inventory.hasGroup(bare)) {
            return inventory.hostsOf(bare);
        }
        if (inventory.hasHost(name)) {
            return Set.of(name);
        }
        Pattern regex;
        try {
            if (name.startsWith("~")) {
                regex = Pattern.compile(name.substring(1));
            } else if (name.contains("*") || name.contains("?")) {
                regex = Pattern.compile(glob(name));
            } else {
                return Set.of();
            }
        } catch (PatternSyntaxException e) {
            return Set.of();
        }
        Set<String> matched = new LinkedHashSet<>();
        for (String host : inventory.hosts()) {
            if (name.startsWith("~") ? regex.matcher(host).find() : regex.matcher(host).matches()) {
                matched.add(host);
            }
        }
        for (String group : inventory.groups().keySet()) {
            if (!name.startsWith("~") && regex.matcher(group).matches()) {
                matched.addAll(inventory.hostsOf(group));
            }
        }
        return matched;
    }

    private static String glob(String text) {
        StringBuilder regex = new StringBuilder();
        for (char c : text.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return regex.toString();
    }

    /** Commas always separate; colons too, except inside an IPv6 address or a [x:y] subscript. */
    private static List<String> split(String pattern) {
        if (pattern.contains(",")) {
            return List.of(pattern.split(","));
        }
        if (pattern.chars().filter(c -> c == ':').count() > 1 && pattern.matches("[0-9a-fA-F:]+")) {
            return List.of(pattern);
        }
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int depth = 0;
        for (char c : pattern.toCharArray()) {
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            }
            if (c == ':' && depth == 0) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        return parts;
    }
}
