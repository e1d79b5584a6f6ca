package io.jenkins.plugins.kubemagic.kubespray;

import io.jenkins.plugins.kubemagic.kube.KubeResults;
import io.kubemagic.engine.kubespray.Hop;
import io.kubemagic.engine.kubespray.HopReview;
import io.kubemagic.engine.kubespray.PlanText;
import io.kubemagic.engine.kubespray.ReviewItem;
import io.kubemagic.engine.kubespray.UpgradePlan;
import io.kubemagic.engine.kubespray.UpgradeReport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The plan and the run as plain maps and lists, for the Pipeline script (an input message) and the build page. */
public final class KubesprayResults {
    private KubesprayResults() {
    }

    public static Map<String, Object> plan(UpgradePlan plan) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("approvable", plan.approvable());
        map.put("currentKubeVersion", plan.currentKubeVersion());
        map.put("kubespray", plan.position().describe());
        map.put("targetTag", plan.targetTag());
        map.put("targetKubeVersion", plan.targetKubeVersion());
        List<Map<String, Object>> hops = new ArrayList<>();
        for (Hop hop : plan.hops()) {
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("number", hop.number());
            h.put("from", hop.fromRef());
            h.put("tag", hop.tag());
            h.put("fromKubeVersion", hop.fromKubeVersion());
            h.put("kubeVersion", hop.kubeVersion());
            h.put("playbook", hop.playbook());
            h.put("reason", hop.reason());
            hops.add(h);
        }
        map.put("hops", hops);
        List<Map<String, Object>> reviews = new ArrayList<>();
        for (HopReview review : plan.reviews()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("from", review.fromRef());
            r.put("to", review.toTag());
            r.put("actionsNeeded", review.actionsNeeded());
            List<String> items = new ArrayList<>();
            for (ReviewItem item : review.items()) {
                items.add((item.actionNeeded() ? "! " : "") + item.message());
            }
            r.put("items", items);
            reviews.add(r);
        }
        map.put("reviews", reviews);
        map.put("preflight", KubeResults.findings(plan.preflight()));
        map.put("refusals", new ArrayList<>(plan.refusals()));
        map.put("notes", new ArrayList<>(plan.notes()));
        map.put("completedHops", new ArrayList<>(plan.completedHops()));
        map.put("text", String.join("\n", PlanText.lines(plan)));
        return map;
    }

    public static Map<String, Object> run(UpgradeReport report) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("completed", report.completed());
        map.put("remainingHops", report.remainingHops());
        List<Map<String, Object>> hops = new ArrayList<>();
        for (UpgradeReport.HopOutcome outcome : report.hops()) {
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("number", outcome.number());
            h.put("tag", outcome.tag());
            h.put("kubeVersion", outcome.kubeVersion());
            h.put("state", outcome.state().name());
            h.put("logFile", outcome.logFile());
            h.put("failedNodes", new ArrayList<>(outcome.failedNodes()));
            h.put("postChecks", new ArrayList<>(outcome.postChecks()));
            h.put("message", outcome.message());
            h.put("millis", outcome.millis());
            hops.add(h);
        }
        map.put("hops", hops);
        map.put("failure", report.failure());
        map.put("resumeHint", report.resumeHint());
        map.put("stateFile", report.stateFile());
        map.put("plan", report.plan() == null ? null : plan(report.plan()));
        return map;
    }
}
