package io.jenkins.plugins.kubemagic.etcd;

import hudson.model.TaskListener;
import io.kubemagic.engine.OperationContext;
import io.jenkins.plugins.kubemagic.steps.AgentCall;
import io.jenkins.plugins.kubemagic.steps.AgentContext;
import io.kubemagic.engine.etcd.ClusterStatus;
import io.kubemagic.engine.etcd.EtcdMaintenance;
import io.kubemagic.engine.etcd.EtcdTarget;

/** Reads the cluster status on the agent, which is the machine that can reach etcd. */
public final class EtcdStatusCallable extends AgentCall<ClusterStatus> {
    private static final long serialVersionUID = 1L;

    private final EtcdTarget target;
    private final long quotaBytes;
    private final TaskListener listener;
    private final String who;
    private final String auditLog;

    public EtcdStatusCallable(EtcdTarget target, long quotaBytes, TaskListener listener, String who, String auditLog) {
        super(ClusterStatus.class);
        this.target = target;
        this.quotaBytes = quotaBytes;
        this.listener = listener;
        this.who = who;
        this.auditLog = auditLog;
    }

    @Override
    protected ClusterStatus compute() {
        OperationContext context = AgentContext.of(listener, who, auditLog);
        return new EtcdMaintenance(context).status(target, quotaBytes);
    }
}
