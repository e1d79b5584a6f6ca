package io.kubemagic.engine.clair.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubemagic.engine.clair.Finding;
import io.kubemagic.engine.clair.ImageScan;
import io.kubemagic.engine.clair.ScanReport;
import io.kubemagic.engine.clair.Severity;
import io.kubemagic.engine.json.Json;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SARIF 2.1.0: one rule per vulnerability, one result per finding. Violations are errors, other
 * findings warnings (Medium and up) or notes; whitelisted and ignored findings carry a suppression.
 * Code-scanning tools read {@code security-severity} (a CVSS-like number) from each rule.
 */
final class SarifReport {
    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

    private SarifReport() {
    }

    static String render(ScanReport report) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("$schema", SCHEMA);
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "kubemagic-clair");
        driver.put("informationUri", "https://github.com/jenkinsci/kube-magic-plugin");
        driver.put("semanticVersion", "0.1.0");
        ArrayNode rules = driver.putArray("rules");
        ArrayNode results = run.putArray("results");
        Map<String, Integer> ruleIndex = new LinkedHashMap<>();
        for (ImageScan image : report.images()) {
            for (Finding f : image.findings()) {
                Integer index = ruleIndex.get(f.vulnerability());
                if (index == null) {
                    index = ruleIndex.size();
                    ruleIndex.put(f.vulnerability(), index);
                    ObjectNode rule = rules.addObject();
                    rule.put("id", f.vulnerability());
                    rule.put("name", f.vulnerability());
                    rule.putObject("shortDescription").put("text", f.vulnerability() + " in " + f.packageName());
                    rule.putObject("fullDescription").put("text", f.description().isEmpty() ? f.vulnerability() : f.description());
                    if (Markup.safeLink(f.link())) {
                        rule.put("helpUri", f.link());
                    }
                    rule.putObject("help").put("text", f.link().isEmpty() ? f.vulnerability() : f.link());
                    rule.putObject("defaultConfiguration").put("level", level(f));
                    ObjectNode properties = rule.putObject("properties");
                    properties.put("security-severity", securitySeverity(f.severity()));
                    properties.putArray("tags").add("security").add("vulnerability").add(f.severity().label());
                }
                ObjectNode result = results.addObject();
                result.put("ruleId", f.vulnerability());
                result.put("ruleIndex", index);
                result.put("level", level(f));
                result.putObject("message").put("text", f.vulnerability() + " (" + f.severity().label() + ") in "
                        + f.packageName() + " " + f.installedVersion() + " of " + image.image() + "; fixed in: "
                        + (f.fixable() ? f.fixedIn() : "no fix yet"));
                ObjectNode location = result.putArray("locations").addObject();
                location.putObject("physicalLocation").putObject("artifactLocation").put("uri", artifactUri(image));
                location.putArray("logicalLocations").addObject().put("name", f.packageName()).put("kind", "package")
                        .put("fullyQualifiedName", f.packageName() + "@" + f.installedVersion());
                if (f.status() == Finding.Status.WHITELISTED || f.status() == Finding.Status.UNFIXED_IGNORED) {
                    result.putArray("suppressions").addObject().put("kind", "external").put("justification",
                            f.status() == Finding.Status.WHITELISTED ? "whitelisted" : "no fix available; unfixed findings are ignored");
                }
                ObjectNode properties = result.putObject("properties");
                properties.put("image", image.image());
                properties.put("digest", image.digest());
                properties.put("package", f.packageName());
                properties.put("installedVersion", f.installedVersion());
                properties.put("fixedIn", f.fixedIn());
                properties.put("severity", f.severity().label());
                properties.put("status", f.status().name());
            }
        }
        return Json.writePretty(root);
    }

    /** The image's repository path, a relative URI (host:port would read as a URI scheme). */
    private static String artifactUri(ImageScan image) {
        String reference = image.reference() == null ? image.image() : image.reference();
        int slash = reference.indexOf('/');
        String path = slash < 0 ? reference : reference.substring(slash + 1);
        int at = path.indexOf('@');
        path = at < 0 ? path : path.substring(0, at);
        return path.replace(':', '/');
    }

    private static String level(Finding f) {
        if (f.status() == Finding.Status.VIOLATION) {
            return "error";
        }
        return f.severity().atLeast(Severity.MEDIUM) ? "warning" : "note";
    }

    private static String securitySeverity(Severity severity) {
        return switch (severity) {
            case CRITICAL -> "9.5";
            case HIGH -> "8.0";
            case MEDIUM -> "5.5";
            case LOW -> "3.0";
            case NEGLIGIBLE -> "1.0";
            case UNKNOWN -> "0.0";
        };
    }
}
