package io.jenkins.plugins.kubemagic.kube;

import hudson.AbortException;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.kubemagic.credentials.CredentialSource;
import io.jenkins.plugins.kubemagic.steps.AgentStep;
import io.jenkins.plugins.kubemagic.steps.AgentStepExecution;
import io.jenkins.plugins.kubemagic.steps.BuildIdentity;
import io.kubemagic.engine.InvalidInputException;
import io.kubemagic.engine.kube.DrainOptions;
import io.kubemagic.engine.kube.KubeTarget;
import io.kubemagic.engine.kube.NodeReport;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundSetter;

import java.util.Map;

/**
 * What kubeCordon, kubeUncordon and kubeDrain share: the node, the kubeconfig credential, the
 * context, the request timeout and the audit log; and how they run (engine on the agent, the
 * result recorded on the build page "Kubernetes nodes").
 */
public abstract class KubeNodeStep extends Step implements AgentStep<NodeReport, Map<String, Object>> {
    private String node;
    private String credentialsId;
    private String context;
    private int requestTimeoutSeconds = 30;
    private String auditLog;

    public String getNode() {
        return node;
    }

    /** The node, as kubectl get nodes names it (required). */
    @DataBoundSetter
    public void setNode(String node) {
        this.node = blankToNull(node);
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    /** A secret file (or secret text) credential holding the kubeconfig. */
    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = blankToNull(credentialsId);
    }

    public String getContext() {
        return context;
    }

    @DataBoundSetter
    public void setContext(String context) {
        this.context = blankToNull(context);
    }

    public int getRequestTimeoutSeconds() {
        return requestTimeoutSeconds;
    }

    @DataBoundSetter
    public void setRequestTimeoutSeconds(int requestTimeoutSeconds) {
        if (requestTimeoutSeconds <= 0) {
            throw new InvalidInputException("requestTimeoutSeconds", requestTimeoutSeconds + " must be more than 0");
        }
        this.requestTimeoutSeconds = requestTimeoutSeconds;
    }

    public String getAuditLog() {
        return auditLog;
    }

    @DataBoundSetter
    public void setAuditLog(String auditLog) {
        this.auditLog = blankToNull(auditLog);
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    public KubeTarget target(CredentialSource credentials) {
        return KubeconfigCredential.target(credentials, "credentialsId", credentialsId, context, requestTimeoutSeconds);
    }

    /** Which operation; {@code null} drain options for cordon and uncordon. */
    protected abstract KubeNodeCallable.Operation operation();

    protected DrainOptions drainOptions() {
        return null;
    }

    public KubeNodeCallable callable(CredentialSource credentials, TaskListener listener, String who, String workspace) {
        if (node == null) {
            throw new InvalidInputException("node", "no node given; name it as kubectl get nodes shows it");
        }
        return new KubeNodeCallable(operation(), target(credentials), node, drainOptions(), listener, who,
                BuildIdentity.onAgent(workspace, auditLog));
    }

    /** A drain that did not finish fails the step, with the pods that blocked it and the budgets that held them. */
    public static Map<String, Object> resultOrFailure(NodeReport report) throws AbortException {
        if (!report.completed()) {
            throw new AbortException(report.operation() + " of " + report.node() + " did not finish: " + report.failure());
        }
        return KubeResults.node(report);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new AgentStepExecution<>(this, context);
    }

    @Override
    public Map<String, Object> finish(Run<?, ?> run, NodeReport report) throws AbortException {
        KubeNodesAction.of(run).add(report);
        return resultOrFailure(report);
    }
}
