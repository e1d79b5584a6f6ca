package io.jenkins.plugins.kubemagic.ansible;

import hudson.Extension;
import io.kubemagic.engine.playbooks.Operation;
import io.kubemagic.engine.playbooks.OperationRequest;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code kubesprayScale}: Kubespray's scale.yml, limited to the new nodes so the running ones are left alone.
 */
public class KubesprayScaleStep extends AnsibleStep {
    private String nodes;

    public String getNodes() {
        return nodes;
    }

    /** The new nodes, comma separated; they must be in the inventory (kube_node). */
    @DataBoundSetter
    public void setNodes(String nodes) {
        this.nodes = blankToNull(nodes);
    }

    @DataBoundConstructor
    public KubesprayScaleStep() {
    }

    @Override
    protected Operation operation() {
        return Operation.KUBESPRAY_SCALE;
    }

    @Override
    protected void configure(OperationRequest.Builder request) {
        request.nodes(nodes);
    }

    @Extension
    public static final class DescriptorImpl extends AnsibleStepDescriptor {
        @Override
        public String getFunctionName() {
            return "kubesprayScale";
        }

        @Override
        public String getDisplayName() {
            return "Add nodes with Kubespray scale.yml (Kube Magic)";
        }
    }
}
