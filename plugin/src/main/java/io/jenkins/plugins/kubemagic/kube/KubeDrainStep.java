package io.jenkins.plugins.kubemagic.kube;

import hudson.Extension;
import io.kubemagic.engine.InvalidInputException;
import io.kubemagic.engine.kube.DrainOptions;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

import java.time.Duration;

/**
 * {@code kubeDrain}: cordon a node and evict its pods through the Eviction API, honouring
 * PodDisruptionBudgets; when a budget holds a pod past the timeout the step fails and names the
 * pod and the budget (the KubeVirt drain of the notes).
 */
public class KubeDrainStep extends KubeNodeStep {
    private boolean ignoreDaemonSets = true;
    private boolean deleteEmptyDirData = true;
    private boolean force;
    private int gracePeriodSeconds = -1;
    private int timeoutSeconds = 300;

    @DataBoundConstructor
    public KubeDrainStep() {
    }

    public boolean isIgnoreDaemonSets() {
        return ignoreDaemonSets;
    }

    @DataBoundSetter
    public void setIgnoreDaemonSets(boolean ignoreDaemonSets) {
        this.ignoreDaemonSets = ignoreDaemonSets;
    }

    public boolean isDeleteEmptyDirData() {
        return deleteEmptyDirData;
    }

    @DataBoundSetter
    public void setDeleteEmptyDirData(boolean deleteEmptyDirData) {
        this.deleteEmptyDirData = deleteEmptyDirData;
    }

    public boolean isForce() {
        return force;
    }

    @DataBoundSetter
    public void setForce(boolean force) {
        this.force = force;
    }

    public int getGracePeriodSeconds() {
        return gracePeriodSeconds;
    }

    @DataBoundSetter
    public void setGracePeriodSeconds(int gracePeriodSeconds) {
        this.gracePeriodSeconds = gracePeriodSeconds;
    }

    public int getTimeoutSeconds() {
        return timeoutSeconds;
    }

    @DataBoundSetter
    public void setTimeoutSeconds(int timeoutSeconds) {
        if (timeoutSeconds <= 0) {
            throw new InvalidInputException("timeoutSeconds", timeoutSeconds + " must be more than 0");
        }
        this.timeoutSeconds = timeoutSeconds;
    }

    @Override
    protected KubeNodeCallable.Operation operation() {
        return KubeNodeCallable.Operation.DRAIN;
    }

    @Override
    protected DrainOptions drainOptions() {
        return new DrainOptions(ignoreDaemonSets, deleteEmptyDirData, force, gracePeriodSeconds, Duration.ofSeconds(timeoutSeconds),
                Duration.ofSeconds(5));
    }

    @Extension
    public static final class DescriptorImpl extends KubeStepDescriptor {
        @Override
        public String getFunctionName() {
            return "kubeDrain";
        }

        @Override
        public String getDisplayName() {
            return "Drain a Kubernetes node, honouring PodDisruptionBudgets (Kube Magic)";
        }
    }
}
