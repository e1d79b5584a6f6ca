package io.kubemagic.engine.kubespray;

import io.kubemagic.engine.InvalidInputException;

import java.io.Serializable;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A release number as Kubernetes and Kubespray write them: {@code v1.18.3}, {@code 1.32.5},
 * {@code v2.14.0}. Build metadata ({@code v1.18.3+k3s1}) is dropped; pre-releases are not versions here.
 */
public record Version(int major, int minor, int patch) implements Comparable<Version>, Serializable {
    private static final Pattern FORM = Pattern.compile("v?(\\d+)\\.(\\d+)\\.(\\d+)(\\+[0-9A-Za-z.-]+)?");

    public static Optional<Version> tryParse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = FORM.matcher(unquote(text.trim()));
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new Version(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
    }

    public static Version parse(String field, String text) {
        return tryParse(text).orElseThrow(() -> new InvalidInputException(field, "\"" + text
                + "\" is not a version; write it as v1.19.9 (major.minor.patch)"));
    }

    static String unquote(String text) {
        if (text.length() >= 2 && (text.startsWith("\"") && text.endsWith("\"") || text.startsWith("'") && text.endsWith("'"))) {
            return text.substring(1, text.length() - 1);
        }
        return text;
    }

    /** "1.18": what "one minor at a time" counts. */
    public String minorLine() {
        return major + "." + minor;
    }

    public boolean sameMinor(Version other) {
        return major == other.major && minor == other.minor;
    }

    /** How many minors {@code other} is ahead of this one (same major assumed, as for Kubernetes 1.x). */
    public int minorsTo(Version other) {
        return (other.major - major) * 1000 + other.minor - minor;
    }

    /** Without the "v", as Kubespray's checksum keys are written from v2.28.0. */
    public String bare() {
        return major + "." + minor + "." + patch;
    }

    @Override
    public int compareTo(Version other) {
        int c = Integer.compare(major, other.major);
        if (c == 0) {
            c = Integer.compare(minor, other.minor);
        }
        return c == 0 ? Integer.compare(patch, other.patch) : c;
    }

    public boolean isAfter(Version other) {
        return compareTo(other) > 0;
    }

    public boolean isBefore(Version other) {
        return compareTo(other) < 0;
    }

    @Override
    public String toString() {
        return "v" + bare();
    }
}
