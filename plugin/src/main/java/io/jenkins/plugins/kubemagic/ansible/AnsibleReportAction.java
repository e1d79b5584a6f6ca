package io.jenkins.plugins.kubemagic.ansible;

import hudson.model.Run;
import io.kubemagic.engine.ansible.PlaybookReport;
import io.kubemagic.engine.playbooks.LintReport;
import io.jenkins.plugins.kubemagic.steps.JsonEntriesAction;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The build page "Ansible runs": every playbook step of the build with its recap table (one row
 * per host), the tasks that failed, the lint findings and the audit record. Entries are kept as
 * JSON so the build record does not depend on engine classes staying the same.
 */
public final class AnsibleReportAction extends JsonEntriesAction {

    public static AnsibleReportAction of(Run<?, ?> run) {
        return of(run, AnsibleReportAction.class, AnsibleReportAction::new);
    }

    public void add(PlaybookReport report) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("kind", "run");
        entry.put("operation", report.operation());
        entry.put("outcome", report.outcome().name());
        entry.put("message", report.message());
        entry.put("inventory", report.inventory());
        entry.put("playbooks", report.playbooks());
        entry.put("limit", report.limit());
        entry.put("exitCode", report.exitCode());
        entry.put("durationSeconds", report.durationMillis() / 1000);
        entry.put("hosts", new ArrayList<>(AnsibleResults.hosts(report).entrySet().stream().map(e -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("host", e.getKey());
            row.putAll(e.getValue());
            return row;
        }).toList()));
        entry.put("problems", report.problems());
        entry.put("lint", AnsibleResults.findings(report.lint()));
        entry.put("audit", report.audit());
        addEntry(entry);
    }

    public void addLint(LintReport report) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("kind", "lint");
        entry.put("operation", "ansible.lint");
        entry.put("outcome", report.errors() == 0 ? "SUCCESS" : "LINT_FAILED");
        entry.put("inventory", report.entries().stream().map(LintReport.Entry::inventory).toList());
        entry.put("hosts", List.of());
        entry.put("problems", List.of());
        entry.put("lint", AnsibleResults.findings(report.findings()));
        entry.put("audit", report.audit());
        addEntry(entry);
    }

    @Override
    public String getIconFileName() {
        return "clipboard.png";
    }

    @Override
    public String getDisplayName() {
        return "Ansible runs";
    }

    @Override
    public String getUrlName() {
        return "kubemagic-ansible";
    }
}
