package io.jenkins.plugins.kubemagic.steps;

import hudson.AbortException;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.kubemagic.credentials.CredentialSource;

/**
 * A step whose work runs on the agent: {@link AgentStepExecution} asks it for the agent call
 * (credentials are read on the controller) and hands it the result to record and return.
 *
 * @param <R> what the engine returns from the agent
 * @param <T> what the step returns to the Pipeline script
 */
public interface AgentStep<R, T> {

    /** The agent-side work, with everything it needs; runs on the controller. */
    AgentCall<R> callable(CredentialSource credentials, TaskListener listener, String who, String workspace);

    /** Records the result on the build and turns it into the step's return value (or failure). */
    T finish(Run<?, ?> run, R result) throws AbortException;
}
