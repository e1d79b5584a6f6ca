package io.jenkins.plugins.kubemagic.ansible;

import hudson.model.TaskListener;
import io.jenkins.plugins.kubemagic.steps.AgentContext;
import io.kubemagic.engine.ansible.PlaybookReport;
import io.kubemagic.engine.playbooks.OperationRequest;
import io.kubemagic.engine.playbooks.Operations;
import io.jenkins.plugins.kubemagic.steps.AgentCall;

/** Runs the operation on the agent (where the checkouts and ansible-playbook are), streaming to the build log. */
public final class AnsibleCallable extends AgentCall<PlaybookReport> {
    private static final long serialVersionUID = 1L;

    private final OperationRequest request;
    private final TaskListener listener;
    private final String who;
    private final String auditLog;

    public AnsibleCallable(OperationRequest request, TaskListener listener, String who, String auditLog) {
        super(PlaybookReport.class);
        this.request = request;
        this.listener = listener;
        this.who = who;
        this.auditLog = auditLog;
    }

    public OperationRequest request() {
        return request;
    }

    @Override
    protected PlaybookReport compute() {
        return new Operations(AgentContext.of(listener, who, auditLog)).run(request);
    }
}
