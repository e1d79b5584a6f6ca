package io.jenkins.plugins.kubemagic.kubespray;

import hudson.model.TaskListener;
import io.jenkins.plugins.kubemagic.steps.AgentContext;
import io.kubemagic.engine.OperationContext;
import io.kubemagic.engine.kubespray.KubesprayUpgrade;
import io.kubemagic.engine.kubespray.AnsibleRunnerHopExecutor;
import io.kubemagic.engine.kubespray.UpgradePlan;
import io.kubemagic.engine.kubespray.UpgradeReport;
import io.kubemagic.engine.kubespray.UpgradeRequest;
import io.jenkins.plugins.kubemagic.steps.AgentCall;

import java.io.Serializable;

/** Plans or runs the upgrade on the agent, where the Kubespray checkout, ansible and the cluster are reachable. */
public final class KubesprayUpgradeCallable extends AgentCall<KubesprayUpgradeCallable.Outcome> {
    private static final long serialVersionUID = 1L;

    /** The plan alone ({@code plan: true}), or the plan and the run. */
    public record Outcome(UpgradePlan plan, UpgradeReport report) implements Serializable {
    }

    private final UpgradeRequest request;
    private final boolean planOnly;
    private final TaskListener listener;
    private final String who;
    private final String auditLog;

    public KubesprayUpgradeCallable(UpgradeRequest request, boolean planOnly, TaskListener listener, String who, String auditLog) {
        super(Outcome.class);
        this.request = request;
        this.planOnly = planOnly;
        this.listener = listener;
        this.who = who;
        this.auditLog = auditLog;
    }

    public UpgradeRequest request() {
        return request;
    }

    public boolean planOnly() {
        return planOnly;
    }

    @Override
    protected Outcome compute() {
        OperationContext context = AgentContext.of(listener, who, auditLog);
        KubesprayUpgrade upgrade = new KubesprayUpgrade(context);
        if (planOnly) {
            return new Outcome(upgrade.plan(request), null);
        }
        UpgradeReport report = upgrade.run(request, new AnsibleRunnerHopExecutor(request.ansible()));
        return new Outcome(report.plan(), report);
    }
}
