package io.kubemagic.engine.etcd;

import io.kubemagic.engine.InvalidInputException;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * etcd's backend quota, which etcd reads as a plain integer of bytes ({@code strconv.ParseInt}):
 * "2G" in {@code ETCD_QUOTA_BACKEND_BYTES} stops etcd from starting, and "20Mi" where "20Gi" was
 * meant fills the database within days. Both mistakes are in the operators' notes.
 */
public final class QuotaBytes {
    /** etcd's own default when no quota is set. */
    public static final long ETCD_DEFAULT = 2L * 1024 * 1024 * 1024;
    static final long ONE_GIB = 1024L * 1024 * 1024;
    /** etcd documents 8 GiB as the largest quota it is tested with. */
    static final long ETCD_SUGGESTED_MAX = 8L * ONE_GIB;

    private static final Pattern WITH_UNIT = Pattern.compile("(?i)\\s*(\\d+(?:\\.\\d+)?)\\s*([kmgt])(i?)(b?)\\s*");

    private QuotaBytes() {
    }

    /**
     * Parses a quota written as bytes. Units are refused with the number to write instead, so the
     * same value can go into {@code etcd_quota_backend_bytes} unchanged.
     */
    public static long parse(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, "no quota given; write the quota in bytes, e.g. "
                    + ETCD_DEFAULT + " for 2 GiB (etcd's default)");
        }
        String trimmed = value.trim();
        if (trimmed.matches("\\d+")) {
            try {
                long bytes = Long.parseLong(trimmed);
                if (bytes <= 0) {
                    throw new InvalidInputException(field, "\"" + value + "\" must be more than 0 bytes");
                }
                return bytes;
            } catch (NumberFormatException tooLarge) {
                throw new InvalidInputException(field, "\"" + value + "\" is too large for a quota in bytes");
            }
        }
        Matcher unit = WITH_UNIT.matcher(trimmed);
        if (unit.matches()) {
            double amount = Double.parseDouble(unit.group(1));
            int power = "kmgt".indexOf(unit.group(2).toLowerCase(Locale.ROOT)) + 1;
            long binary = (long) (amount * Math.pow(1024, power));
            long decimal = (long) (amount * Math.pow(1000, power));
            String label = unit.group(1) + " " + unit.group(2).toUpperCase(Locale.ROOT) + "iB";
            throw new InvalidInputException(field, "\"" + value + "\" is not a number of bytes: etcd reads the quota "
                    + "with strconv.ParseInt and refuses to start on \"" + value + "\" (invalid syntax). "
                    + "Write " + binary + " for " + label
                    + (binary != decimal ? " (or " + decimal + " for " + unit.group(1) + " "
                    + unit.group(2).toUpperCase(Locale.ROOT) + "B)" : "") + ".");
        }
        throw new InvalidInputException(field, "\"" + value + "\" is not a number of bytes; write digits only, e.g. "
                + ETCD_DEFAULT + " for 2 GiB");
    }

    /**
     * A warning for a quota that is valid but probably a unit mistake, such as 20 MiB where
     * 20 GiB was meant.
     */
    public static Optional<String> warningFor(String field, long bytes) {
        if (bytes < ONE_GIB) {
            String suggestion = bytes % (1024 * 1024) == 0 && bytes >= 1024 * 1024
                    ? " Did you mean " + bytes * 1024 + " (" + human(bytes * 1024) + ")?"
                    : "";
            return Optional.of(field + ": a quota of " + bytes + " bytes (" + human(bytes) + ") is under 1 GiB; "
                    + "a Kubernetes cluster fills that within days and every write then fails with "
                    + "\"mvcc: database space exceeded\"." + suggestion);
        }
        if (bytes > ETCD_SUGGESTED_MAX) {
            return Optional.of(field + ": a quota of " + human(bytes) + " is above the 8 GiB etcd suggests as its maximum.");
        }
        return Optional.empty();
    }

    /** "20 MiB", "1.5 GiB": for people, never for parsing. */
    public static String human(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        if (unit == 0) {
            return bytes + " B";
        }
        String number = value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.1f", value);
        return number + " " + units[unit];
    }
}
