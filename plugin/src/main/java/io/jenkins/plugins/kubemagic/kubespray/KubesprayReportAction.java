package io.jenkins.plugins.kubemagic.kubespray;

import hudson.model.Run;
import io.jenkins.plugins.kubemagic.steps.JsonEntriesAction;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The build page "Kubespray upgrade": every plan and run of the build, the hops, the inventory
 * review, the pre-flight findings and each hop's outcome.
 */
public final class KubesprayReportAction extends JsonEntriesAction {

    public static KubesprayReportAction of(Run<?, ?> run) {
        return of(run, KubesprayReportAction.class, KubesprayReportAction::new);
    }

    public void add(KubesprayUpgradeCallable.Outcome outcome) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("kind", outcome.report() == null ? "plan" : "run");
        entry.put("plan", KubesprayResults.plan(outcome.plan()));
        if (outcome.report() != null) {
            entry.put("run", KubesprayResults.run(outcome.report()));
            entry.put("audit", outcome.report().audit());
        }
        addEntry(entry);
    }

    @Override
    public String getIconFileName() {
        return "package.png";
    }

    @Override
    public String getDisplayName() {
        return "Kubespray upgrade";
    }

    @Override
    public String getUrlName() {
        return "kubemagic-kubespray";
    }
}
