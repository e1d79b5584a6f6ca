package io.kubemagic.engine.registry;

import io.kubemagic.engine.InvalidInputException;

import java.io.Serializable;
import java.util.Locale;

/** {@code os/architecture[/variant]}, as in {@code docker pull --platform linux/arm64/v8}. */
public record Platform(String os, String architecture, String variant) implements Serializable {
    public static final Platform DEFAULT = new Platform("linux", "amd64", null);

    public static Platform parse(String field, String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT;
        }
        String[] parts = text.trim().toLowerCase(Locale.ROOT).split("/", -1);
        if (parts.length < 2 || parts.length > 3 || java.util.Arrays.stream(parts).anyMatch(p -> !p.matches("[a-z0-9_.-]+"))) {
            throw new InvalidInputException(field, "\"" + text + "\" is not a platform; write os/architecture[/variant], "
                    + "e.g. linux/amd64 or linux/arm64/v8");
        }
        return new Platform(parts[0], parts[1], parts.length == 3 ? parts[2] : null);
    }

    /** Whether an index entry's platform is this one (a missing variant matches any variant). */
    public boolean matches(String entryOs, String entryArchitecture, String entryVariant) {
        if (!os.equals(entryOs) || !architecture.equals(entryArchitecture)) {
            return false;
        }
        return variant == null || variant.equals(entryVariant)
                // arm64 images are v8 whether the index says so or not
                || entryVariant == null && "arm64".equals(architecture) && "v8".equals(variant);
    }

    @Override
    public String toString() {
        return os + "/" + architecture + (variant == null ? "" : "/" + variant);
    }
}
