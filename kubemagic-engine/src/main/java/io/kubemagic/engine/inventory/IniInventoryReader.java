package io.kubemagic.engine.inventory;

import io.kubemagic.engine.InvalidInputException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The INI inventory format: {@code [group]} host lines with {@code key=value} variables,
 * {@code [group:children]} and {@code [group:vars]}; hosts before any section are ungrouped.
 */
final class IniInventoryReader {
    private final Inventory inventory;
    private final Path file;

    IniInventoryReader(Inventory inventory, Path file) {
        this.inventory = inventory;
        this.file = file;
    }

    void read(String text) {
        String group = Inventory.UNGROUPED;
        String kind = "hosts";
        int number = 0;
        for (String raw : text.split("\\R")) {
            number++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[")) {
                int close = line.indexOf(']');
                if (close < 0) {
                    throw invalid(number, "section header " + line + " has no closing ]");
                }
                String section = line.substring(1, close).strip();
                int colon = section.indexOf(':');
                group = colon < 0 ? section : section.substring(0, colon);
                kind = colon < 0 ? "hosts" : section.substring(colon + 1);
                if (!kind.equals("hosts") && !kind.equals("children") && !kind.equals("vars")) {
                    throw invalid(number, "section [" + section + "]: only [group], [group:children] and [group:vars] exist");
                }
                if (group.isEmpty()) {
                    throw invalid(number, "section " + line + " has no group name");
                }
                inventory.group(group);
                if (!group.equals(Inventory.ALL)) {
                    inventory.addChild(Inventory.ALL, group);
                }
                continue;
            }
            List<String> tokens = tokens(line, number);
            switch (kind) {
                case "hosts" -> {
                    Map<String, Object> vars = new LinkedHashMap<>();
                    for (String token : tokens.subList(1, tokens.size())) {
                        int eq = token.indexOf('=');
                        if (eq <= 0) {
                            throw invalid(number, "\"" + token + "\" after host " + tokens.get(0) + " is not key=value");
                        }
                        vars.put(token.substring(0, eq), value(token.substring(eq + 1)));
                    }
                    for (String host : HostRanges.expand(tokens.get(0))) {
                        inventory.addHost(group, host, vars);
                    }
                }
                case "children" -> {
                    if (tokens.size() != 1) {
                        throw invalid(number, "a [" + group + ":children] line names one group, not \"" + line + "\"");
                    }
                    inventory.addChild(group, tokens.get(0));
                }
                default -> {
                    int eq = line.indexOf('=');
                    if (eq <= 0) {
                        throw invalid(number, "a [" + group + ":vars] line is key=value, not \"" + line + "\"");
                    }
                    inventory.addGroupVars(group, Map.of(line.substring(0, eq).strip(), value(line.substring(eq + 1).strip())));
                }
            }
        }
    }

    /** Shell-like words: spaces separate, quotes group, a # outside quotes starts a comment. */
    private List<String> tokens(String line, int number) {
        List<String> tokens = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        char quote = 0;
        boolean inToken = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    current.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inToken = true;
            } else if (c == '#' && !inToken) {
                break;
            } else if (Character.isWhitespace(c)) {
                if (inToken) {
                    tokens.add(current.toString());
                    current.setLength(0);
                    inToken = false;
                }
            } else {
                current.append(c);
                inToken = true;
            }
        }
        if (quote != 0) {
            throw invalid(number, "unbalanced quote in \"" + line + "\"");
        }
        if (inToken) {
            tokens.add(current.toString());
        }
        return tokens;
    }

    private static Object value(String text) {
        String v = text.strip();
        if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
            return v.substring(1, v.length() - 1);
        }
        if (v.matches("-?\\d{1,18}")) {
            return Long.parseLong(v);
        }
        return v;
    }

    private InvalidInputException invalid(int line, String message) {
        return new InvalidInputException("inventory", file + " line " + line + ": " + message);
    }
}
