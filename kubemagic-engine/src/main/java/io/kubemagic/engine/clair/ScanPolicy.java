package io.kubemagic.engine.clair;

import io.kubemagic.engine.InvalidInputException;
import io.kubemagic.engine.registry.ImageReference;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The gate: findings at or above {@code threshold}, not whitelisted and (with {@code ignoreUnfixed})
 * fixable, are violations; more than {@code maxFindings} of them break the gate, which then fails
 * the build, marks it unstable or only warns ({@code action}).
 */
public record ScanPolicy(Severity threshold, GateAction action, boolean ignoreUnfixed, Whitelist whitelist, int maxFindings)
        implements Serializable {

    public static final Severity DEFAULT_THRESHOLD = Severity.HIGH;

    public ScanPolicy {
        Objects.requireNonNull(threshold, "threshold");
        Objects.requireNonNull(action, "action");
        whitelist = whitelist == null ? Whitelist.empty() : whitelist;
        if (maxFindings < 0) {
            throw new InvalidInputException("maxFindings", maxFindings + " must not be negative (0: any violation breaks the gate)");
        }
    }

    public ScanPolicy withWhitelist(Whitelist newWhitelist) {
        return new ScanPolicy(threshold, action, ignoreUnfixed, newWhitelist, maxFindings);
    }

    public static ScanPolicy defaults() {
        return new ScanPolicy(DEFAULT_THRESHOLD, GateAction.FAIL, false, Whitelist.empty(), 0);
    }

    public Finding classify(ImageReference image, Finding finding) {
        Finding.Status status;
        if (!finding.severity().atLeast(threshold)) {
            status = Finding.Status.BELOW_THRESHOLD;
        } else if (whitelist.accepts(image, finding.vulnerability())) {
            status = Finding.Status.WHITELISTED;
        } else if (ignoreUnfixed && !finding.fixable()) {
            status = Finding.Status.UNFIXED_IGNORED;
        } else {
            status = Finding.Status.VIOLATION;
        }
        return finding.withStatus(status);
    }

    /** The verdict over every image scanned; images that could not be scanned make it an error. */
    public GateResult evaluate(List<ImageScan> images) {
        List<Finding> violations = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (ImageScan image : images) {
            if (image.error() != null) {
                errors.add(image.image() + ": " + image.error());
            }
            image.findings().stream().filter(f -> f.status() == Finding.Status.VIOLATION).forEach(violations::add);
        }
        boolean broken = violations.size() > maxFindings;
        GateResult.Outcome outcome;
        if (!errors.isEmpty()) {
            outcome = GateResult.Outcome.ERROR;
        } else if (!broken) {
            outcome = GateResult.Outcome.PASSED;
        } else {
            outcome = switch (action) {
                case FAIL -> GateResult.Outcome.FAILED;
                case UNSTABLE -> GateResult.Outcome.UNSTABLE;
                case WARN -> GateResult.Outcome.WARNED;
            };
        }
        String rule = threshold.label() + " or worse" + (ignoreUnfixed ? ", with a fix" : "")
                + (whitelist.isEmpty() ? "" : ", not whitelisted") + "; at most " + maxFindings + " allowed";
        String message;
        if (!errors.isEmpty()) {
            message = errors.size() + " image(s) could not be scanned: " + String.join("; ", errors);
        } else if (broken) {
            message = violations.size() + " finding(s) break the gate (" + rule + "): " + String.join(", ",
                    violations.stream().map(f -> f.vulnerability() + " (" + f.severity().label() + ") in " + f.packageName()
                            + " " + f.installedVersion() + " of " + f.image()).distinct().toList());
        } else {
            message = violations.size() + " finding(s) count against the gate (" + rule + "): passed";
        }
        return new GateResult(outcome, violations.size(), maxFindings, broken ? List.copyOf(violations) : List.of(),
                List.copyOf(errors), message);
    }

    public Map<String, Object> describe() {
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("threshold", threshold.label());
        description.put("action", action.name());
        description.put("ignoreUnfixed", ignoreUnfixed);
        description.put("whitelistEntries", whitelist.size());
        description.put("maxFindings", maxFindings);
        return description;
    }
}
