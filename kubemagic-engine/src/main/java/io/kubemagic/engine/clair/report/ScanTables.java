package io.kubemagic.engine.clair.report;

import io.kubemagic.engine.clair.Finding;
import io.kubemagic.engine.clair.ImageScan;
import io.kubemagic.engine.clair.ScanReport;
import io.kubemagic.engine.clair.Severity;
import io.kubemagic.engine.report.TextTable;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The console view of a scan: one line per image with counts by severity, then the findings that matter. */
public final class ScanTables {
    /** Beyond this many rows the console points at the reports instead. */
    static final int MAX_FINDING_ROWS = 100;

    private ScanTables() {
    }

    public static List<String> summary(ScanReport report) {
        TextTable table = new TextTable("IMAGE", "DIGEST", "CRITICAL", "HIGH", "MEDIUM", "LOW", "NEGLIGIBLE", "UNKNOWN",
                "AGAINST GATE", "RESULT");
        for (ImageScan image : report.images()) {
            if (image.error() != null) {
                table.row(image.image(), "-", "", "", "", "", "", "", "", "ERROR: " + image.error());
                continue;
            }
            Map<Severity, Integer> counts = image.countsBySeverity();
            table.row(image.image(), shortDigest(image.digest()), counts.get(Severity.CRITICAL), counts.get(Severity.HIGH),
                    counts.get(Severity.MEDIUM), counts.get(Severity.LOW), counts.get(Severity.NEGLIGIBLE),
                    counts.get(Severity.UNKNOWN), image.violations(), image.violations() > 0 ? "VIOLATIONS" : "ok");
        }
        return table.lines();
    }

    /** Findings at or above the threshold (whitelisted and ignored ones too, marked as such). */
    public static List<String> findings(ScanReport report, Severity threshold) {
        List<Finding> shown = report.findings().stream().filter(f -> f.severity().atLeast(threshold)).toList();
        if (shown.isEmpty()) {
            return List.of();
        }
        TextTable table = new TextTable("IMAGE", "PACKAGE", "INSTALLED", "FIXED IN", "SEVERITY", "VULNERABILITY", "STATUS");
        shown.stream().limit(MAX_FINDING_ROWS).forEach(f -> table.row(f.image(), f.packageName(), f.installedVersion(),
                f.fixable() ? f.fixedIn() : "(no fix)", f.severity().label(), f.vulnerability(), status(f.status())));
        List<String> lines = new ArrayList<>(table.lines());
        if (shown.size() > MAX_FINDING_ROWS) {
            lines.add("... and " + (shown.size() - MAX_FINDING_ROWS) + " more; see the reports (reportDir) for all of them");
        }
        return lines;
    }

    static String status(Finding.Status status) {
        return switch (status) {
            case VIOLATION -> "VIOLATION";
            case BELOW_THRESHOLD -> "below threshold";
            case WHITELISTED -> "whitelisted";
            case UNFIXED_IGNORED -> "unfixed (ignored)";
        };
    }

    static String shortDigest(String digest) {
        return digest == null ? "-" : digest.length() > 19 ? digest.substring(0, 19) : digest;
    }
}
