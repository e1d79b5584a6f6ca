package io.jenkins.plugins.kubemagic.etcd;

import hudson.model.TaskListener;
import io.kubemagic.engine.OperationContext;
import io.jenkins.plugins.kubemagic.steps.AgentCall;
import io.jenkins.plugins.kubemagic.steps.AgentContext;
import io.kubemagic.engine.etcd.DefragReport;
import io.kubemagic.engine.etcd.DefragRequest;
import io.kubemagic.engine.etcd.DefragRunner;

/** Runs the defrag on the agent, streaming to the build log; an abort interrupts it there. */
public final class EtcdDefragCallable extends AgentCall<DefragReport> {
    private static final long serialVersionUID = 1L;

    private final DefragRequest request;
    private final TaskListener listener;
    private final String who;
    private final String auditLog;

    public EtcdDefragCallable(DefragRequest request, TaskListener listener, String who, String auditLog) {
        super(DefragReport.class);
        this.request = request;
        this.listener = listener;
        this.who = who;
        this.auditLog = auditLog;
    }

    @Override
    protected DefragReport compute() {
        OperationContext context = AgentContext.of(listener, who, auditLog);
        return new DefragRunner(context).run(request);
    }
}
