package io.kubemagic.engine.inventory;

import io.kubemagic.engine.InvalidInputException;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Ansible's host ranges: {@code node[01:03]}, {@code db-[a:c].example.com}, {@code web[1:10:2]}. */
final class HostRanges {
    private static final Pattern RANGE = Pattern.compile("\\[([0-9a-zA-Z]+):([0-9a-zA-Z]+)(?::(\\d+))?]");
    private static final int MAX_HOSTS = 100_000;

    private HostRanges() {
    }

    static List<String> expand(String pattern) {
        Matcher m = RANGE.matcher(pattern);
        if (!m.find()) {
            return List.of(pattern);
        }
        String head = pattern.substring(0, m.start());
        String tail = pattern.substring(m.end());
        String from = m.group(1);
        String to = m.group(2);
        int step = m.group(3) == null ? 1 : Integer.parseInt(m.group(3));
        if (step <= 0) {
            throw new InvalidInputException("inventory", "host range " + pattern + " has a step of " + step + "; use 1 or more");
        }
        List<String> names = new ArrayList<>();
        if (from.matches("\\d+") && to.matches("\\d+")) {
            int start = Integer.parseInt(from);
            int end = Integer.parseInt(to);
            boolean padded = from.length() > 1 && from.startsWith("0");
            for (int i = start; i <= end; i += step) {
                String number = padded ? String.format("%0" + from.length() + "d", i) : Integer.toString(i);
                names.addAll(expand(head + number + tail));
                if (names.size() > MAX_HOSTS) {
                    throw new InvalidInputException("inventory", "host range " + pattern + " gives more than " + MAX_HOSTS + " hosts");
                }
            }
        } else if (from.length() == 1 && to.length() == 1 && Character.isLetter(from.charAt(0)) && Character.isLetter(to.charAt(0))) {
            for (char c = from.charAt(0); c <= to.charAt(0); c += (char) step) {
                names.addAll(expand(head + c + tail));
            }
        } else {
            throw new InvalidInputException("inventory", "host range " + pattern + " is neither numeric ([01:10]) nor alphabetic ([a:f])");
        }
        if (names.isEmpty()) {
            throw new InvalidInputException("inventory", "host range " + pattern + " is empty (start after end)");
        }
        return names;
    }
}
