package io.kubemagic.engine.clair.report;

import io.kubemagic.engine.clair.Finding;
import io.kubemagic.engine.clair.ImageScan;
import io.kubemagic.engine.clair.ScanReport;
import io.kubemagic.engine.clair.Severity;

import java.util.Map;

import static io.kubemagic.engine.clair.report.Markup.escape;

/**
 * One self-contained HTML page (no external asset): the gate's verdict, a line per image, and every
 * finding in a table that a few lines of script filter by severity, image, status and text.
 */
final class HtmlReport {
    private HtmlReport() {
    }

    static String render(ScanReport report) {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Clair scan</title>\n<style>")
                .append("body{font-family:sans-serif;margin:1.5em}table{border-collapse:collapse}td,th{border:1px solid #ccc;")
                .append("padding:.2em .5em;text-align:left}.VIOLATION{background:#fdd}.sev-Critical,.sev-High{font-weight:bold}")
                .append(".gate-PASSED{color:#070}.gate-FAILED,.gate-ERROR{color:#b00}.gate-UNSTABLE,.gate-WARNED{color:#a60}")
                .append("</style></head><body>\n");
        html.append("<h1>Clair scan</h1>\n<p>Clair ").append(escape(report.clair())).append(" (API ").append(escape(report.api()))
                .append("), policy ").append(escape(String.valueOf(report.policy()))).append("</p>\n");
        html.append("<p class=\"gate-").append(report.gate().outcome().name()).append("\"><b>Gate ")
                .append(report.gate().outcome().name()).append("</b>: ").append(escape(report.gate().message())).append("</p>\n");
        html.append("<h2>Images</h2>\n<table id=\"images\"><thead><tr><th>Image</th><th>Digest</th>");
        for (Severity severity : Severity.values()) {
            html.append("<th>").append(severity.label()).append("</th>");
        }
        html.append("<th>Against gate</th><th>Error</th></tr></thead><tbody>\n");
        for (ImageScan image : report.images()) {
            html.append("<tr><td>").append(escape(image.image())).append("</td><td>").append(escape(image.digest())).append("</td>");
            Map<Severity, Integer> counts = image.countsBySeverity();
            for (Severity severity : Severity.values()) {
                html.append("<td>").append(counts.get(severity)).append("</td>");
            }
            html.append("<td>").append(image.violations()).append("</td><td>").append(escape(image.error())).append("</td></tr>\n");
        }
        html.append("</tbody></table>\n<h2>Vulnerabilities</h2>\n<p>")
                .append("<label>Severity at least <select id=\"f-severity\">");
        for (Severity severity : Severity.values()) {
            html.append("<option value=\"").append(severity.ordinal()).append("\">").append(severity.label()).append("</option>");
        }
        html.append("</select></label> <label>Image <select id=\"f-image\"><option value=\"\">all</option>");
        for (ImageScan image : report.images()) {
            html.append("<option>").append(escape(image.image())).append("</option>");
        }
        html.append("</select></label> <label><input type=\"checkbox\" id=\"f-violations\"> gate violations only</label> ")
                .append("<label>Text <input id=\"f-text\" placeholder=\"package or CVE\"></label> <span id=\"f-count\"></span></p>\n");
        html.append("<table id=\"findings\"><thead><tr><th>Image</th><th>Package</th><th>Installed</th><th>Fixed in</th>")
                .append("<th>Severity</th><th>Vulnerability</th><th>Status</th></tr></thead><tbody>\n");
        for (ImageScan image : report.images()) {
            for (Finding f : image.findings()) {
                html.append("<tr class=\"").append(f.status().name()).append("\" data-image=\"").append(escape(image.image()))
                        .append("\" data-severity=\"").append(f.severity().ordinal()).append("\" data-status=\"")
                        .append(f.status().name()).append("\"><td>").append(escape(image.image())).append("</td><td>")
                        .append(escape(f.packageName())).append("</td><td>").append(escape(f.installedVersion())).append("</td><td>")
                        .append(f.fixable() ? escape(f.fixedIn()) : "<i>no fix</i>").append("</td><td class=\"sev-")
                        .append(f.severity().label()).append("\">").append(f.severity().label()).append("</td><td>");
                if (Markup.safeLink(f.link())) {
                    html.append("<a href=\"").append(escape(f.link())).append("\">").append(escape(f.vulnerability())).append("</a>");
                } else {
                    html.append(escape(f.vulnerability()));
                }
                html.append("</td><td>").append(ScanTables.status(f.status())).append("</td></tr>\n");
            }
        }
        html.append("</tbody></table>\n<script>\n").append(FILTER_SCRIPT).append("</script>\n</body></html>\n");
        return html.toString();
    }

    /** Shared with the Jenkins build page, which uses the same element ids. */
    static final String FILTER_SCRIPT = """
            (function () {
              function byId(id) { return document.getElementById(id); }
              function apply() {
                var min = parseInt(byId('f-severity').value, 10), image = byId('f-image').value;
                var only = byId('f-violations').checked, text = byId('f-text').value.toLowerCase(), shown = 0;
                var rows = byId('findings').tBodies[0].rows;
                for (var i = 0; i < rows.length; i++) {
                  var r = rows[i];
                  var ok = parseInt(r.getAttribute('data-severity'), 10) >= min
                    && (!image || r.getAttribute('data-image') === image)
                    && (!only || r.getAttribute('data-status') === 'VIOLATION')
                    && (!text || r.textContent.toLowerCase().indexOf(text) >= 0);
                  r.style.display = ok ? '' : 'none';
                  if (ok) { shown++; }
                }
                byId('f-count').textContent = shown + ' of ' + rows.length + ' shown';
              }
              ['f-severity', 'f-image', 'f-violations', 'f-text'].forEach(function (id) {
                byId(id).addEventListener('input', apply);
                byId(id).addEventListener('change', apply);
              });
              apply();
            })();
            """;
}
