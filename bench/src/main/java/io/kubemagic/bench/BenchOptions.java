package io.kubemagic.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Benchmark settings from {@code --name=value} arguments, then {@code BENCH_NAME} environment
 * variables (upper case, dashes as underscores), then the defaults.
 */
final class BenchOptions {
    private final Map<String, String> arguments = new LinkedHashMap<>();
    private final Map<String, String> environment;
    private final Map<String, String> used = new LinkedHashMap<>();

    BenchOptions(List<String> args, Map<String, String> environment) {
        this.environment = environment;
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("expected --name=value, got: " + arg);
            }
            int eq = arg.indexOf('=');
            arguments.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
    }

    static String envName(String name) {
        return "BENCH_" + name.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    String string(String name, String fallback) {
        String value = arguments.containsKey(name) ? arguments.get(name) : environment.getOrDefault(envName(name), fallback);
        used.put(name, value);
        return value;
    }

    int integer(String name, int fallback, int min, int max) {
        String text = string(name, String.valueOf(fallback));
        int value;
        try {
            value = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": not a number: " + text);
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + ": " + value + " is not between " + min + " and " + max);
        }
        return value;
    }

    /** Every argument given that no setting read; a typo should not silently run the defaults. */
    List<String> unknown() {
        return arguments.keySet().stream().filter(k -> !used.containsKey(k)).toList();
    }

    Map<String, String> used() {
        return Map.copyOf(used);
    }
}
