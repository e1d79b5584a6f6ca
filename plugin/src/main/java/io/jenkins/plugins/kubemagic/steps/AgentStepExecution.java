package io.jenkins.plugins.kubemagic.steps;

import hudson.AbortException;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.kubemagic.credentials.CredentialSource;
import io.jenkins.plugins.kubemagic.credentials.JenkinsCredentialSource;
import io.kubemagic.engine.KubeMagicException;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/**
 * How every Kube Magic step runs: credentials are read on the controller, the engine runs on the
 * agent (which is the machine that reaches the cluster) and streams to the build log, and the
 * result is recorded on the build. Bad input ends the build with its message, without a stack trace.
 *
 * @param <R> what the engine returns from the agent
 * @param <T> what the step returns to the Pipeline script
 */
public abstract class AgentStepExecution<R, T> extends SynchronousNonBlockingStepExecution<T> {
    private static final long serialVersionUID = 1L;

    protected AgentStepExecution(StepContext context) {
        super(context);
    }

    /** The agent-side work, with everything it needs; runs on the controller. */
    protected abstract AgentCall<R> prepare(CredentialSource credentials, TaskListener listener, String who, String workspace);

    /** Records the result on the build and turns it into the step's return value (or failure). */
    protected abstract T finish(Run<?, ?> run, R result) throws AbortException;

    @Override
    protected final T run() throws Exception {
        Run<?, ?> run = getContext().get(Run.class);
        TaskListener listener = getContext().get(TaskListener.class);
        FilePath workspace = getContext().get(FilePath.class);
        AgentCall<R> callable;
        try {
            callable = prepare(new JenkinsCredentialSource(run), listener, BuildIdentity.of(run), workspace.getRemote());
        } catch (KubeMagicException badInput) {
            throw new AbortException(badInput.getMessage());
        }
        return finish(run, callable.decode(workspace.act(callable)));
    }
}
