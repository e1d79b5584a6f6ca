package io.jenkins.plugins.kubemagic.etcd;

import hudson.AbortException;
import hudson.Extension;
import io.kubemagic.engine.KubeMagicException;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.kubemagic.credentials.JenkinsCredentialSource;
import io.jenkins.plugins.kubemagic.steps.BuildIdentity;
import io.kubemagic.engine.etcd.ClusterStatus;
import io.kubemagic.engine.etcd.EtcdTarget;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;

import java.util.List;
import java.util.Map;

/**
 * {@code etcdStatus}: every member's status (leader, version, database size, quota usage,
 * alarms), as a list of maps, one per member, in endpoint order.
 */
public class EtcdStatusStep extends EtcdConnectionStep {

    @DataBoundConstructor
    public EtcdStatusStep() {
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(this, context);
    }

    /** Prepared on the controller (credentials are read there), run on the agent. */
    public EtcdStatusCallable callable(io.jenkins.plugins.kubemagic.credentials.CredentialSource credentials,
                                       TaskListener listener, String who, String workspace) {
        EtcdTarget target = target(credentials);
        return new EtcdStatusCallable(target, quota(), listener, who, BuildIdentity.onAgent(workspace, getAuditLog()));
    }

    static final class Execution extends SynchronousNonBlockingStepExecution<List<Map<String, Object>>> {
        private static final long serialVersionUID = 1L;
        private final transient EtcdStatusStep step;

        Execution(EtcdStatusStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected List<Map<String, Object>> run() throws Exception {
            Run<?, ?> run = getContext().get(Run.class);
            TaskListener listener = getContext().get(TaskListener.class);
            FilePath workspace = getContext().get(FilePath.class);
            EtcdStatusCallable callable;
            try {
                callable = step.callable(new JenkinsCredentialSource(run), listener, BuildIdentity.of(run), workspace.getRemote());
            } catch (KubeMagicException badInput) {
                throw new AbortException(badInput.getMessage());
            }
            ClusterStatus status = workspace.act(callable);
            EtcdReportAction.of(run).addStatus(status, null);
            return EtcdResults.status(status);
        }
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
