package io.kubemagic.engine.clair.report;

import io.kubemagic.engine.clair.Finding;
import io.kubemagic.engine.clair.ImageScan;
import io.kubemagic.engine.clair.ScanReport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.kubemagic.engine.clair.report.Markup.escape;

/**
 * JUnit XML: a test suite per image and a test case per vulnerable package. A package fails when
 * one of its vulnerabilities counts against the gate; an image that could not be scanned is an
 * error; an image with no vulnerable package is one passing test case. Jenkins' junit step then
 * shows the packages in its test trend.
 */
final class JUnitReport {
    private JUnitReport() {
    }

    static String render(ScanReport report) {
        StringBuilder suites = new StringBuilder();
        int tests = 0;
        int failures = 0;
        int errors = 0;
        for (ImageScan image : report.images()) {
            String className = "clair." + image.image().replaceAll("[^A-Za-z0-9_/:@-]", "_");
            StringBuilder cases = new StringBuilder();
            int suiteTests = 0;
            int suiteFailures = 0;
            int suiteErrors = 0;
            if (image.error() != null) {
                suiteTests++;
                suiteErrors++;
                cases.append("    <testcase classname=\"").append(escape(className)).append("\" name=\"scan\" time=\"")
                        .append(seconds(image.millis())).append("\">\n      <error message=\"").append(escape(image.error()))
                        .append("\" type=\"scan-error\"/>\n    </testcase>\n");
            } else {
                Map<String, List<Finding>> byPackage = new LinkedHashMap<>();
                for (Finding f : image.findings()) {
                    byPackage.computeIfAbsent(f.packageName() + " " + f.installedVersion(), k -> new ArrayList<>()).add(f);
                }
                if (byPackage.isEmpty()) {
                    suiteTests++;
                    cases.append("    <testcase classname=\"").append(escape(className))
                            .append("\" name=\"no vulnerable packages\" time=\"0\"/>\n");
                }
                for (Map.Entry<String, List<Finding>> entry : byPackage.entrySet()) {
                    suiteTests++;
                    List<Finding> violations = entry.getValue().stream().filter(f -> f.status() == Finding.Status.VIOLATION).toList();
                    cases.append("    <testcase classname=\"").append(escape(className)).append("\" name=\"")
                            .append(escape(entry.getKey())).append("\" time=\"0\">\n");
                    if (!violations.isEmpty()) {
                        suiteFailures++;
                        cases.append("      <failure type=\"vulnerability\" message=\"").append(escape(String.join(", ",
                                violations.stream().map(f -> f.vulnerability() + " (" + f.severity().label() + ")").toList())))
                                .append("\">").append(escape(details(violations))).append("</failure>\n");
                    }
                    cases.append("      <system-out>").append(escape(details(entry.getValue()))).append("</system-out>\n");
                    cases.append("    </testcase>\n");
                }
            }
            tests += suiteTests;
            failures += suiteFailures;
            errors += suiteErrors;
            suites.append("  <testsuite name=\"").append(escape(image.image())).append("\" tests=\"").append(suiteTests)
                    .append("\" failures=\"").append(suiteFailures).append("\" errors=\"").append(suiteErrors)
                    .append("\" skipped=\"0\" time=\"").append(seconds(image.millis())).append("\">\n")
                    .append("    <properties>\n      <property name=\"digest\" value=\"").append(escape(image.digest()))
                    .append("\"/>\n      <property name=\"clair\" value=\"").append(escape(report.clair())).append("\"/>\n")
                    .append("    </properties>\n").append(cases).append("  </testsuite>\n");
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"clairScan\" tests=\"" + tests
                + "\" failures=\"" + failures + "\" errors=\"" + errors + "\" time=\"" + seconds(report.millis()) + "\">\n"
                + suites + "</testsuites>\n";
    }

    private static String details(List<Finding> findings) {
        StringBuilder text = new StringBuilder();
        for (Finding f : findings) {
            text.append(f.vulnerability()).append(" [").append(f.severity().label()).append("] ")
                    .append(ScanTables.status(f.status())).append("; fixed in: ")
                    .append(f.fixable() ? f.fixedIn() : "(no fix)");
            if (!f.link().isEmpty()) {
                text.append("; ").append(f.link());
            }
            text.append('\n');
        }
        return text.toString();
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }
}
