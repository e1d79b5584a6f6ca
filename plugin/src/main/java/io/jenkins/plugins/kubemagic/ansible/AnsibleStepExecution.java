package io.jenkins.plugins.kubemagic.ansible;

import hudson.AbortException;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.kubemagic.credentials.CredentialSource;
import io.jenkins.plugins.kubemagic.steps.AgentStepExecution;
import io.kubemagic.engine.ansible.PlaybookReport;
import org.jenkinsci.plugins.workflow.steps.StepContext;

import java.util.Map;

/** Every playbook step's execution: the run on the agent, the build page, the per-host map or the failure. */
final class AnsibleStepExecution extends AgentStepExecution<PlaybookReport, Map<String, Map<String, Object>>> {
    private static final long serialVersionUID = 1L;
    private final transient AnsibleStep step;

    AnsibleStepExecution(AnsibleStep step, StepContext context) {
        super(context);
        this.step = step;
    }

    @Override
    protected AnsibleCallable prepare(CredentialSource credentials, TaskListener listener, String who, String workspace) {
        return step.callable(credentials, listener, who, workspace);
    }

    @Override
    protected Map<String, Map<String, Object>> finish(Run<?, ?> run, PlaybookReport report) throws AbortException {
        AnsibleReportAction.of(run).add(report);
        return AnsibleResults.resultOrFailure(report);
    }
}
