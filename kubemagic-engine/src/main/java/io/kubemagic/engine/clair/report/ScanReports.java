package io.kubemagic.engine.clair.report;

import io.kubemagic.engine.KubeMagicException;
import io.kubemagic.engine.clair.ScanReport;
import io.kubemagic.engine.console.SecretMasker;
import io.kubemagic.engine.json.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a scan's reports into one directory: JSON (everything), HTML (a page with filters),
 * JUnit XML (one test case per vulnerable package, for Jenkins' test trend) and SARIF 2.1.0.
 * Every file passes through the masker as text, so no secret reaches a report by any path.
 */
public final class ScanReports {
    public static final String JSON = "clair-report.json";
    public static final String HTML = "clair-report.html";
    public static final String JUNIT = "clair-junit.xml";
    public static final String SARIF = "clair-report.sarif";
    /**
     * The few lines of script that filter the findings table by severity, image, status and text
     * (elements {@code f-severity}, {@code f-image}, {@code f-violations}, {@code f-text}, table
     * {@code findings}); the HTML report and the Jenkins build page share them.
     */
    public static final String FILTER_SCRIPT = HtmlReport.FILTER_SCRIPT;

    private ScanReports() {
    }

    /** Format name to the path written. */
    public static Map<String, String> write(ScanReport report, Path directory, SecretMasker masker) {
        Map<String, String> written = new LinkedHashMap<>();
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new KubeMagicException("cannot create the report directory " + directory + ": " + e.getMessage()
                    + "; check reportDir and its permissions", e);
        }
        written.put("json", write(directory.resolve(JSON), Json.writePretty(report), masker));
        written.put("html", write(directory.resolve(HTML), HtmlReport.render(report), masker));
        written.put("junit", write(directory.resolve(JUNIT), JUnitReport.render(report), masker));
        written.put("sarif", write(directory.resolve(SARIF), SarifReport.render(report), masker));
        return written;
    }

    private static String write(Path file, String content, SecretMasker masker) {
        try {
            Files.writeString(file, masker.mask(content), StandardCharsets.UTF_8);
            return file.toString();
        } catch (IOException e) {
            throw new KubeMagicException("cannot write the report " + file + ": " + e.getMessage(), e);
        }
    }
}
