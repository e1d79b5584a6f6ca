package io.jenkins.plugins.kubemagic.clair;

import io.kubemagic.engine.clair.Finding;
import io.kubemagic.engine.clair.ImageScan;
import io.kubemagic.engine.clair.ScanReport;
import io.kubemagic.engine.clair.Severity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What clairScan returns to the Pipeline script: plain maps and lists that CPS can keep. */
public final class ClairResults {
    private ClairResults() {
    }

    public static Map<String, Object> of(ScanReport report) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("passed", report.gate().passed());
        map.put("outcome", report.gate().outcome().name());
        map.put("message", report.gate().message());
        map.put("violations", report.gate().violations());
        map.put("breaking", findings(report.gate().breaking()));
        List<Map<String, Object>> images = new ArrayList<>();
        for (ImageScan image : report.images()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("image", image.image());
            entry.put("reference", image.reference());
            entry.put("digest", image.digest());
            entry.put("error", image.error());
            Map<String, Object> counts = new LinkedHashMap<>();
            image.countsBySeverity().forEach((severity, count) -> counts.put(severity.label(), count));
            entry.put("counts", counts);
            entry.put("violations", image.violations());
            entry.put("findings", findings(image.findings()));
            images.add(entry);
        }
        map.put("images", images);
        map.put("reports", new LinkedHashMap<>(report.reports()));
        return map;
    }

    static List<Map<String, Object>> findings(List<Finding> findings) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Finding f : findings) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("image", f.image());
            entry.put("vulnerability", f.vulnerability());
            entry.put("severity", f.severity().label());
            entry.put("package", f.packageName());
            entry.put("installedVersion", f.installedVersion());
            entry.put("fixedIn", f.fixedIn());
            entry.put("link", f.link());
            entry.put("status", f.status().name());
            list.add(entry);
        }
        return list;
    }

    /** Severity labels, highest first, for the build page's filter. */
    public static List<String> severities() {
        List<String> labels = new ArrayList<>();
        for (Severity severity : Severity.values()) {
            labels.add(0, severity.label());
        }
        return labels;
    }
}
