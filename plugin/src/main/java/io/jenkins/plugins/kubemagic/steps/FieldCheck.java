package io.jenkins.plugins.kubemagic.steps;

/** The outcome of checking one form field: what the snippet generator shows next to it. */
public record FieldCheck(Level level, String message) {

    public enum Level { OK, WARNING, ERROR }

    public static FieldCheck ok() {
        return new FieldCheck(Level.OK, null);
    }

    public static FieldCheck warning(String message) {
        return new FieldCheck(Level.WARNING, message);
    }

    public static FieldCheck error(String message) {
        return new FieldCheck(Level.ERROR, message);
    }
}
