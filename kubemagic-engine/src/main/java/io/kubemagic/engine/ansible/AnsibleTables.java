package io.kubemagic.engine.ansible;

import io.kubemagic.engine.inventory.LintFinding;
import io.kubemagic.engine.report.TextTable;

import java.util.List;

/** The tables operators read: the recap, one row per host, and the lint findings. */
public final class AnsibleTables {
    private AnsibleTables() {
    }

    public static List<String> recap(List<HostResult> hosts) {
        TextTable table = new TextTable("HOST", "STATUS", "OK", "CHANGED", "UNREACHABLE", "FAILED", "SKIPPED", "RESCUED", "IGNORED");
        for (HostResult h : hosts) {
            table.row(h.host(), h.status(), h.ok(), h.changed(), h.unreachable(), h.failed(), h.skipped(), h.rescued(), h.ignored());
        }
        return table.lines();
    }

    public static List<String> lint(List<LintFinding> findings) {
        TextTable table = new TextTable("SEVERITY", "RULE", "SUBJECT", "VALUE", "FIX");
        for (LintFinding f : findings) {
            table.row(f.severity(), f.rule(), f.subject(), f.value() == null ? "" : f.value(), f.fix());
        }
        List<String> lines = new java.util.ArrayList<>(table.lines());
        for (LintFinding f : findings) {
            lines.add("  " + f.severity() + " " + f.rule() + ": " + f.message() + (f.where() == null ? "" : " (" + f.where() + ")"));
        }
        return lines;
    }
}
