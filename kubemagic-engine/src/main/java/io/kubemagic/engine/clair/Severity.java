package io.kubemagic.engine.clair;

import io.kubemagic.engine.InvalidInputException;

import java.util.Arrays;
import java.util.Locale;

/** Clair's normalized severities, lowest first: the order thresholds compare in. */
public enum Severity {
    UNKNOWN("Unknown"), NEGLIGIBLE("Negligible"), LOW("Low"), MEDIUM("Medium"), HIGH("High"), CRITICAL("Critical");

    private final String label;

    Severity(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean atLeast(Severity other) {
        return compareTo(other) >= 0;
    }

    /** A threshold as people write it (any case); anything else is refused with the list. */
    public static Severity parse(String field, String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException(field, "no severity given; use one of " + labels());
        }
        Severity severity = lenient(text);
        if (severity == null) {
            throw new InvalidInputException(field, "\"" + text + "\" is not a severity; use one of " + labels());
        }
        return severity;
    }

    /** A severity as a scanner reports it: Clair v2's "Defcon1" is Critical, anything unknown is Unknown. */
    public static Severity fromScanner(String text) {
        Severity severity = text == null ? null : lenient(text);
        return severity == null ? UNKNOWN : severity;
    }

    private static Severity lenient(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.equals("defcon1")) {
            return CRITICAL;
        }
        for (Severity severity : values()) {
            if (severity.label.toLowerCase(Locale.ROOT).equals(value)) {
                return severity;
            }
        }
        return null;
    }

    public static String labels() {
        return String.join(" < ", Arrays.stream(values()).map(Severity::label).toList());
    }
}
