package io.kubemagic.engine.console;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Replaces every registered secret by {@value SecretValue#MASK} in text. Multi-line secrets
 * (PEM keys) are also registered line by line, because a process may print them one line at a time.
 */
public final class SecretMasker implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Shorter fragments would mask ordinary words; a 3-character password is still masked whole. */
    private static final int MIN_LINE_FRAGMENT = 16;

    private final Set<String> secrets = new LinkedHashSet<>();

    public synchronized SecretMasker add(SecretValue secret) {
        if (secret != null) {
            add(secret.reveal());
        }
        return this;
    }

    public synchronized SecretMasker add(String secret) {
        if (secret == null || secret.isBlank()) {
            return this;
        }
        secrets.add(secret);
        if (secret.contains("\n")) {
            for (String line : secret.split("\\R")) {
                String trimmed = line.trim();
                // PEM armour lines ("-----END PRIVATE KEY-----") are public and appear in every key.
                if (trimmed.length() >= MIN_LINE_FRAGMENT && !trimmed.startsWith("-----")) {
                    secrets.add(trimmed);
                }
            }
        }
        return this;
    }

    public synchronized SecretMasker addAll(SecretMasker other) {
        secrets.addAll(other.snapshot());
        return this;
    }

    public String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = text;
        for (String secret : longestFirst()) {
            masked = masked.replace(secret, SecretValue.MASK);
        }
        return masked;
    }

    public synchronized boolean isEmpty() {
        return secrets.isEmpty();
    }

    private synchronized List<String> snapshot() {
        return new ArrayList<>(secrets);
    }

    private List<String> longestFirst() {
        List<String> ordered = snapshot();
        ordered.sort(Comparator.comparingInt(String::length).reversed());
        return ordered;
    }
}
