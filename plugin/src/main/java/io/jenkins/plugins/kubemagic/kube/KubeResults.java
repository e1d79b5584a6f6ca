package io.jenkins.plugins.kubemagic.kube;

import io.kubemagic.engine.kube.Finding;
import io.kubemagic.engine.kube.NodeReport;
import io.kubemagic.engine.kube.PreflightReport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Node reports and pre-flight findings as plain maps and lists, for Pipeline scripts and the build page. */
public final class KubeResults {
    private KubeResults() {
    }

    public static Map<String, Object> node(NodeReport report) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("operation", report.operation());
        map.put("node", report.node());
        map.put("completed", report.completed());
        map.put("wasCordoned", report.wasCordoned());
        map.put("cordoned", report.cordonedAfter());
        map.put("evicted", new ArrayList<>(report.evicted()));
        map.put("deleted", new ArrayList<>(report.deleted()));
        map.put("skipped", new ArrayList<>(report.skipped()));
        List<Map<String, Object>> blocked = new ArrayList<>();
        for (NodeReport.BlockedPod pod : report.blocked()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("pod", pod.pod());
            entry.put("disruptionBudgets", new ArrayList<>(pod.disruptionBudgets()));
            entry.put("reason", pod.reason());
            blocked.add(entry);
        }
        map.put("blocked", blocked);
        map.put("failure", report.failure());
        map.put("millis", report.millis());
        return map;
    }

    public static List<Map<String, Object>> findings(PreflightReport report) {
        List<Map<String, Object>> list = new ArrayList<>();
        if (report == null) {
            return list;
        }
        for (Finding finding : report.findings()) {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("severity", finding.severity().name());
            map.put("check", finding.check());
            map.put("subject", finding.subject());
            map.put("message", finding.message());
            list.add(map);
        }
        return list;
    }
}
