package io.kubemagic.engine.ansible;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The bits of a checkout's {@code ansible.cfg} the runner must respect: setting
 * ANSIBLE_CALLBACKS_ENABLED replaces {@code callbacks_enabled} (Kubespray enables profile_tasks there),
 * so the configured callbacks are kept and ours is added.
 */
final class AnsibleConfig {
    private AnsibleConfig() {
    }

    static String enabledCallbacks(Path workingDirectory, String ours) {
        Set<String> callbacks = new LinkedHashSet<>();
        String fromEnv = System.getenv("ANSIBLE_CALLBACKS_ENABLED");
        if (fromEnv != null && !fromEnv.isBlank()) {
            add(callbacks, fromEnv);
        } else {
            Path cfg = configFile(workingDirectory);
            if (cfg != null) {
                add(callbacks, defaultsValue(cfg, "callbacks_enabled"));
                add(callbacks, defaultsValue(cfg, "callback_whitelist"));
            }
        }
        callbacks.add(ours);
        return String.join(",", callbacks);
    }

    private static Path configFile(Path workingDirectory) {
        String fromEnv = System.getenv("ANSIBLE_CONFIG");
        if (fromEnv != null && Files.isRegularFile(Path.of(fromEnv))) {
            return Path.of(fromEnv);
        }
        Path local = workingDirectory.resolve("ansible.cfg");
        return Files.isRegularFile(local) ? local : null;
    }

    private static void add(Set<String> into, String list) {
        if (list == null) {
            return;
        }
        for (String name : list.split(",")) {
            if (!name.isBlank()) {
                into.add(name.trim());
            }
        }
    }

    /** A key of the [defaults] section, or null. */
    static String defaultsValue(Path cfg, String key) {
        try {
            boolean inDefaults = false;
            for (String raw : Files.readAllLines(cfg, StandardCharsets.UTF_8)) {
                String line = raw.strip();
                if (line.startsWith("[")) {
                    inDefaults = line.toLowerCase(Locale.ROOT).equals("[defaults]");
                    continue;
                }
                if (!inDefaults || line.startsWith("#") || line.startsWith(";")) {
                    continue;
                }
                int eq = line.indexOf('=');
                if (eq > 0 && line.substring(0, eq).strip().equals(key)) {
                    return line.substring(eq + 1).strip();
                }
            }
        } catch (IOException ignored) {
            // An unreadable ansible.cfg breaks ansible-playbook too, with its own message.
        }
        return null;
    }
}
