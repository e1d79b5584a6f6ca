package io.kubemagic.engine.clair;

import io.kubemagic.engine.InvalidInputException;

import java.util.Locale;

/** Which Clair API to speak: v4 (indexer + matcher), or v2's {@code /v1/layers}, which Klar uses. */
public enum ClairApi {
    V4, V2;

    public static ClairApi parse(String field, String text) {
        if (text == null || text.isBlank()) {
            return V4;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "v4", "4" -> V4;
            case "v2", "2", "v1" -> V2;
            default -> throw new InvalidInputException(field, "\"" + text + "\" is not a Clair API version; use v4 "
                    + "(Clair 4, /indexer and /matcher) or v2 (Clair 2, /v1/layers, as Klar)");
        };
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
