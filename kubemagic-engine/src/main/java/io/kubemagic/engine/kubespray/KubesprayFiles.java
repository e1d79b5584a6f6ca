package io.kubemagic.engine.kubespray;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the few facts the catalog needs out of Kubespray's YAML files, line by line: a top-level
 * scalar ({@code kube_version: v1.18.8}) and the keys of one architecture in a checksum map
 * ({@code kubelet_checksums: amd64: v1.18.8: <sha>}). Line-based on purpose: the files mix YAML and
 * Jinja, and the sample inventory's commented {@code # key: value} lines count too.
 */
public final class KubesprayFiles {
    private static final Pattern MAP_KEY = Pattern.compile("^(\\s*)(['\"]?)([^'\":#\\s][^'\":]*?)\\2\\s*:(.*)$");

    private KubesprayFiles() {
    }

    /** The value of a top-level {@code key: value} line, unquoted, without a trailing comment. */
    public static Optional<String> scalar(String text, String key) {
        Pattern line = Pattern.compile("^" + Pattern.quote(key) + "\\s*:\\s*(.*)$");
        for (String raw : text.split("\\R")) {
            Matcher m = line.matcher(raw);
            if (m.matches()) {
                String value = stripComment(m.group(1)).trim();
                return value.isEmpty() ? Optional.empty() : Optional.of(Version.unquote(value));
            }
        }
        return Optional.empty();
    }

    /** The keys under {@code mapKey: arch:}, in file order (Kubespray writes the newest first). */
    public static List<String> mapKeys(String text, String mapKey, String arch) {
        List<String> keys = new ArrayList<>();
        String[] lines = text.split("\\R");
        int i = 0;
        while (i < lines.length && !lines[i].matches("^" + Pattern.quote(mapKey) + "\\s*:\\s*(#.*)?$")) {
            i++;
        }
        int levelIndent = -1;
        int archIndent = -1;
        int keyIndent = -1;
        for (i = i + 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank() || line.trim().startsWith("#")) {
                continue;
            }
            int indent = indentOf(line);
            if (indent == 0) {
                break;
            }
            Matcher m = MAP_KEY.matcher(line);
            if (!m.matches()) {
                continue;
            }
            if (levelIndent < 0) {
                levelIndent = indent;
            }
            if (archIndent >= 0) {
                if (indent <= archIndent) {
                    break;
                }
                if (keyIndent < 0) {
                    keyIndent = indent;
                }
                if (indent == keyIndent) {
                    keys.add(m.group(3).trim());
                }
            } else if (indent == levelIndent && m.group(3).trim().equals(arch)) {
                archIndent = indent;
            }
        }
        return keys;
    }

    static int indentOf(String line) {
        int n = 0;
        while (n < line.length() && line.charAt(n) == ' ') {
            n++;
        }
        return n;
    }

    static String stripComment(String value) {
        boolean single = false;
        boolean dbl = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\'' && !dbl) {
                single = !single;
            } else if (c == '"' && !single) {
                dbl = !dbl;
            } else if (c == '#' && !single && !dbl && (i == 0 || Character.isWhitespace(value.charAt(i - 1)))) {
                return value.substring(0, i);
            }
        }
        return value;
    }
}
