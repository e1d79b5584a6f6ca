package io.jenkins.plugins.kubemagic.etcd;

import hudson.AbortException;
import hudson.Extension;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.kubemagic.credentials.CredentialSource;
import io.jenkins.plugins.kubemagic.steps.AgentStep;
import io.jenkins.plugins.kubemagic.steps.AgentStepExecution;
import io.jenkins.plugins.kubemagic.steps.BuildIdentity;
import io.kubemagic.engine.etcd.ClusterStatus;
import io.kubemagic.engine.etcd.EtcdTarget;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;

import java.util.List;
import java.util.Map;

/**
 * {@code etcdStatus}: every member's status (leader, version, database size, quota usage,
 * alarms), as a list of maps, one per member, in endpoint order.
 */
public class EtcdStatusStep extends EtcdConnectionStep implements AgentStep<ClusterStatus, List<Map<String, Object>>> {

    @DataBoundConstructor
    public EtcdStatusStep() {
    }

    @Override
    public StepExecution start(StepContext context) {
        return new AgentStepExecution<>(this, context);
    }

    /** Prepared on the controller (credentials are read there), run on the agent. */
    public EtcdStatusCallable callable(CredentialSource credentials, TaskListener listener, String who, String workspace) {
        EtcdTarget target = target(credentials);
        return new EtcdStatusCallable(target, quota(), listener, who, BuildIdentity.onAgent(workspace, getAuditLog()));
    }

    /**
     * One member down is information the script may act on; no member answering is a failure,
     * with the reason (wrong CA, refused certificate, connection refused) rather than a list of errors.
     */
    public static List<Map<String, Object>> resultOrFailure(ClusterStatus status) throws AbortException {
        if (!status.members().isEmpty() && status.unreachable().size() == status.members().size()) {
            throw new AbortException("etcdStatus: no member answered. " + status.members().get(0).error());
        }
        return EtcdResults.status(status);
    }

    @Override
    public List<Map<String, Object>> finish(Run<?, ?> run, ClusterStatus status) throws AbortException {
        EtcdReportAction.of(run).addStatus(status, null);
        return resultOrFailure(status);
    }

    @Extension
    public static final class DescriptorImpl extends EtcdStepDescriptor {
        @Override
        public String getFunctionName() {
            return "etcdStatus";
        }

        @Override
        public String getDisplayName() {
            return "etcd cluster status (Kube Magic)";
        }
    }
}
