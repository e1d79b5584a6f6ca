package io.jenkins.plugins.kubemagic.kube;

import hudson.Extension;
import org.kohsuke.stapler.DataBoundConstructor;

/** {@code kubeCordon}: cordon a node, as kubectl cordon does; returns what was done. */
public class KubeCordonStep extends KubeNodeStep {

    @DataBoundConstructor
    public KubeCordonStep() {
    }

    @Override
    protected KubeNodeCallable.Operation operation() {
        return KubeNodeCallable.Operation.CORDON;
    }

    @Extension
    public static final class DescriptorImpl extends KubeStepDescriptor {
        @Override
        public String getFunctionName() {
            return "kubeCordon";
        }

        @Override
        public String getDisplayName() {
            return "Mark a Kubernetes node unschedulable (Kube Magic)";
        }
    }
}
