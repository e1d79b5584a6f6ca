package io.jenkins.plugins.kubemagic.steps;

import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;

import java.util.Set;

/** The descriptor of an {@link AgentStep}: it runs inside {@code node}, where {@link AgentStepExecution} finds what it needs. */
public abstract class AgentStepDescriptor extends StepDescriptor {

    @Override
    public Set<? extends Class<?>> getRequiredContext() {
        return Set.of(Run.class, TaskListener.class, FilePath.class);
    }
}
