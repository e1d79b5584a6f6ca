package io.jenkins.plugins.kubemagic.steps;

import hudson.AbortException;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.kubemagic.credentials.JenkinsCredentialSource;
import io.kubemagic.engine.KubeMagicException;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/**
 * How every Kube Magic step runs: credentials are read on the controller, the engine runs on the
 * agent (which is the machine that reaches the cluster) and streams to the build log, and the
 * result is recorded on the build. Bad input ends the build with its message, without a stack trace.
 *
 * The step itself says what runs and what is recorded ({@link AgentStep}).
 */
public final class AgentStepExecution<R, T> extends SynchronousNonBlockingStepExecution<T> {
    private static final long serialVersionUID = 1L;
    private final transient AgentStep<R, T> step;

    public AgentStepExecution(AgentStep<R, T> step, StepContext context) {
        super(context);
        this.step = step;
    }

    @Override
    protected T run() throws Exception {
        Run<?, ?> run = getContext().get(Run.class);
        TaskListener listener = getContext().get(TaskListener.class);
        FilePath workspace = getContext().get(FilePath.class);
        AgentCall<R> callable;
        try {
            callable = step.callable(new JenkinsCredentialSource(run), listener, BuildIdentity.of(run), workspace.getRemote());
        } catch (KubeMagicException badInput) {
            throw new AbortException(badInput.getMessage());
        }
        return step.finish(run, callable.decode(workspace.act(callable)));
    }
}
