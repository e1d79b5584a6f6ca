package io.jenkins.plugins.kubemagic.kube;

import hudson.Extension;
import org.kohsuke.stapler.DataBoundConstructor;

/** {@code kubeUncordon}: uncordon a node, as kubectl uncordon does; returns what was done. */
public class KubeUncordonStep extends KubeNodeStep {

    @DataBoundConstructor
    public KubeUncordonStep() {
    }

    @Override
    protected KubeNodeCallable.Operation operation() {
        return KubeNodeCallable.Operation.UNCORDON;
    }

    @Extension
    public static final class DescriptorImpl extends KubeStepDescriptor {
        @Override
        public String getFunctionName() {
            return "kubeUncordon";
        }

        @Override
        public String getDisplayName() {
            return "Mark a Kubernetes node schedulable again (Kube Magic)";
        }
    }
}
