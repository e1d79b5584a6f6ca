package io.kubemagic.cli;

import io.kubemagic.engine.InvalidInputException;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as etcdctl and people write them: 30s, 10m, 1h, 1m30s, 500ms (and ISO PT30S). */
final class Durations {
    private static final Pattern WHOLE = Pattern.compile("(\\d+(ms|s|m|h))+");
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h)");

    private Durations() {
    }

    static Duration parse(String field, String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException(field, "no duration given; write e.g. 30s, 10m or 1h");
        }
        String value = text.trim().toLowerCase(Locale.ROOT);
        Duration duration;
        if (value.startsWith("pt")) {
            try {
                duration = Duration.parse(value.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw invalid(field, text);
            }
        } else if (WHOLE.matcher(value).matches()) {
            duration = Duration.ZERO;
            Matcher part = PART.matcher(value);
            while (part.find()) {
                long amount = Long.parseLong(part.group(1));
                duration = duration.plus(switch (part.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    default -> Duration.ofHours(amount);
                });
            }
        } else if (value.matches("\\d+")) {
            throw new InvalidInputException(field, "\"" + text + "\" has no unit; write " + value + "s for seconds or "
                    + value + "m for minutes");
        } else {
            throw invalid(field, text);
        }
        if (duration.isZero() || duration.isNegative()) {
            throw new InvalidInputException(field, "\"" + text + "\" must be longer than 0");
        }
        return duration;
    }

    private static InvalidInputException invalid(String field, String text) {
        return new InvalidInputException(field, "\"" + text + "\" is not a duration; write e.g. 30s, 10m, 1h or 1m30s");
    }

    /** 30s, 10m, 1h30m: the form the options take, for messages. */
    static String format(Duration duration) {
        long seconds = duration.toSeconds();
        if (duration.toMillisPart() != 0 || seconds == 0) {
            return duration.toMillis() + "ms";
        }
        StringBuilder text = new StringBuilder();
        if (seconds >= 3600) {
            text.append(seconds / 3600).append('h');
        }
        if (seconds % 3600 >= 60) {
            text.append(seconds % 3600 / 60).append('m');
        }
        if (seconds % 60 != 0) {
            text.append(seconds % 60).append('s');
        }
        return text.toString();
    }
}
