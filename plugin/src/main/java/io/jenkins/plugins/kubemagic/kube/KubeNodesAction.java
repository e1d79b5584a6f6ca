package io.jenkins.plugins.kubemagic.kube;

import io.jenkins.plugins.kubemagic.steps.JsonEntriesAction;

import hudson.model.Run;
import io.kubemagic.engine.kube.NodeReport;

import java.util.LinkedHashMap;
import java.util.Map;

/** The build page "Kubernetes nodes": every cordon, uncordon and drain of the build, and the pods that blocked a drain. */
public final class KubeNodesAction extends JsonEntriesAction {

    public static KubeNodesAction of(Run<?, ?> run) {
        return of(run, KubeNodesAction.class, KubeNodesAction::new);
    }

    public void add(NodeReport report) {
        Map<String, Object> entry = new LinkedHashMap<>(KubeResults.node(report));
        entry.put("audit", report.audit());
        addEntry(entry);
    }

    @Override
    public String getIconFileName() {
        return "computer.png";
    }

    @Override
    public String getDisplayName() {
        return "Kubernetes nodes";
    }

    @Override
    public String getUrlName() {
        return "kubemagic-nodes";
    }
}
