package io.jenkins.plugins.kubemagic.kube;

import hudson.model.TaskListener;
import io.jenkins.plugins.kubemagic.steps.AgentContext;
import io.kubemagic.engine.OperationContext;
import io.kubemagic.engine.kube.DrainOptions;
import io.kubemagic.engine.kube.KubeTarget;
import io.kubemagic.engine.kube.NodeOperations;
import io.kubemagic.engine.kube.NodeReport;
import io.jenkins.plugins.kubemagic.steps.AgentCall;

/** Cordons, uncordons or drains a node from the agent, the machine that reaches the API server. */
public final class KubeNodeCallable extends AgentCall<NodeReport> {
    private static final long serialVersionUID = 1L;

    public enum Operation { CORDON, UNCORDON, DRAIN }

    private final Operation operation;
    private final KubeTarget target;
    private final String node;
    private final DrainOptions drain;
    private final TaskListener listener;
    private final String who;
    private final String auditLog;

    public KubeNodeCallable(Operation operation, KubeTarget target, String node, DrainOptions drain, TaskListener listener,
                            String who, String auditLog) {
        super(NodeReport.class);
        this.operation = operation;
        this.target = target;
        this.node = node;
        this.drain = drain;
        this.listener = listener;
        this.who = who;
        this.auditLog = auditLog;
    }

    public Operation operation() {
        return operation;
    }

    public DrainOptions drainOptions() {
        return drain;
    }

    public KubeTarget target() {
        return target;
    }

    @Override
    protected NodeReport compute() {
        OperationContext context = AgentContext.of(listener, who, auditLog);
        NodeOperations operations = new NodeOperations(context);
        return switch (operation) {
            case CORDON -> operations.cordon(target, node);
            case UNCORDON -> operations.uncordon(target, node);
            case DRAIN -> operations.drain(target, node, drain);
        };
    }
}
