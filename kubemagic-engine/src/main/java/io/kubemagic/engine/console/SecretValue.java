package io.kubemagic.engine.console;

import java.io.Serializable;
import java.util.Objects;

/**
 * A password, private key or token. Its {@link #toString()} never shows the value, so it cannot
 * slip into a log line, an exception message or a JSON record by accident; code that needs the
 * value calls {@link #reveal()} and registers it with a {@link SecretMasker}.
 */
public final class SecretValue implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final String MASK = "****";

    private final String value;

    private SecretValue(String value) {
        this.value = Objects.requireNonNull(value, "secret value");
    }

    public static SecretValue of(String value) {
        return new SecretValue(value);
    }

    /** Null or empty input gives null: an absent secret, not an empty one. */
    public static SecretValue ofNullable(String value) {
        return value == null || value.isEmpty() ? null : new SecretValue(value);
    }

    public String reveal() {
        return value;
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }

    @Override
    public String toString() {
        return MASK;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SecretValue && ((SecretValue) other).value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
