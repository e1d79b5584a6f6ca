package io.jenkins.plugins.kubemagic.ansible;

import hudson.AbortException;
import io.kubemagic.engine.ansible.HostResult;
import io.kubemagic.engine.ansible.PlaybookReport;
import io.kubemagic.engine.inventory.LintFinding;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the steps return to the Pipeline script: plain maps and lists that CPS can keep. */
public final class AnsibleResults {
    private AnsibleResults() {
    }

    /** Host name to its recap: ok, changed, unreachable, failed, skipped, rescued, ignored, status. */
    public static Map<String, Map<String, Object>> hosts(PlaybookReport report) {
        Map<String, Map<String, Object>> hosts = new LinkedHashMap<>();
        for (HostResult h : report.hosts()) {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("ok", h.ok());
            map.put("changed", h.changed());
            map.put("unreachable", h.unreachable());
            map.put("failed", h.failed());
            map.put("skipped", h.skipped());
            map.put("rescued", h.rescued());
            map.put("ignored", h.ignored());
            map.put("status", h.status().name());
            hosts.put(h.host(), map);
        }
        return hosts;
    }

    /** The per-host map of a successful run; otherwise the failure, naming the hosts. */
    public static Map<String, Map<String, Object>> resultOrFailure(PlaybookReport report) throws AbortException {
        if (!report.succeeded()) {
            StringBuilder message = new StringBuilder(report.operation()).append(' ').append(report.outcome()).append(": ")
                    .append(report.message());
            if (!report.failedHosts().isEmpty()) {
                message.append("\nfailed hosts: ").append(String.join(", ", report.failedHosts()));
            }
            if (!report.unreachableHosts().isEmpty()) {
                message.append("\nunreachable hosts: ").append(String.join(", ", report.unreachableHosts()));
            }
            throw new AbortException(message.toString());
        }
        return hosts(report);
    }

    public static List<Map<String, Object>> findings(List<LintFinding> findings) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (LintFinding f : findings) {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("severity", f.severity().name());
            map.put("rule", f.rule());
            map.put("subject", f.subject());
            map.put("value", f.value());
            map.put("where", f.where());
            map.put("message", f.message());
            map.put("fix", f.fix());
            list.add(map);
        }
        return list;
    }
}
