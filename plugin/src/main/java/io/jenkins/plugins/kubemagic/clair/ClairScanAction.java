package io.jenkins.plugins.kubemagic.clair;

import hudson.model.Run;
import io.kubemagic.engine.clair.ScanReport;
import io.kubemagic.engine.json.Json;
import io.jenkins.plugins.kubemagic.steps.JsonEntriesAction;

import java.util.List;
import java.util.Map;

/**
 * The build page "Vulnerabilities": every clairScan of the build, its gate verdict, one line per
 * image and a table of the findings with filters. Scans are kept as JSON so the build record does
 * not depend on engine classes staying the same.
 */
public final class ClairScanAction extends JsonEntriesAction {

    public static ClairScanAction of(Run<?, ?> run) {
        return of(run, ClairScanAction.class, ClairScanAction::new);
    }

    @SuppressWarnings("unchecked")
    public void add(ScanReport report) {
        addEntry(Json.mapper().convertValue(report, Map.class));
    }

    /** For index.jelly: the scans as maps (gate, images, findings), oldest first. */
    public List<Map<String, Object>> getScans() {
        return getEntries();
    }

    /** Severity labels, highest first, for the filter. */
    public List<String> getSeverities() {
        return ClairResults.severities();
    }

    /** Ordinal of a severity name (Severity enum name as stored in JSON), for the filter's comparison. */
    public int rank(Object severity) {
        try {
            return io.kubemagic.engine.clair.Severity.valueOf(String.valueOf(severity)).ordinal();
        } catch (IllegalArgumentException e) {
            return 0;
        }
    }

    public String label(Object severity) {
        try {
            return io.kubemagic.engine.clair.Severity.valueOf(String.valueOf(severity)).label();
        } catch (IllegalArgumentException e) {
            return String.valueOf(severity);
        }
    }

    /** How many findings of an image (a map as stored) count against the gate. */
    @SuppressWarnings("unchecked")
    public long violations(Map<String, Object> image) {
        Object findings = image.get("findings");
        return findings instanceof List<?> list
                ? list.stream().filter(f -> f instanceof Map<?, ?> m && "VIOLATION".equals(m.get("status"))).count() : 0;
    }

    /** The filter script the HTML report uses too. */
    public String getFilterScript() {
        return io.kubemagic.engine.clair.report.ScanReports.FILTER_SCRIPT;
    }

    /** Only http(s) links are rendered as links. */
    public boolean isLink(Object link) {
        return link instanceof String text && (text.startsWith("https://") || text.startsWith("http://"));
    }

    @Override
    public String getIconFileName() {
        return "clipboard.png";
    }

    @Override
    public String getDisplayName() {
        return "Vulnerabilities";
    }

    @Override
    public String getUrlName() {
        return "kubemagic-clair";
    }
}
