package io.jenkins.plugins.kubemagic.ansible;

import hudson.Extension;
import io.kubemagic.engine.playbooks.Operation;
import io.kubemagic.engine.playbooks.OperationRequest;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code kubesprayRemoveNode}: Kubespray's remove-node.yml with {@code -e node=NAME}; the step is the confirmation the playbook would prompt for.
 */
public class KubesprayRemoveNodeStep extends AnsibleStep {
    private String node;
    private boolean resetNodes = true;

    public String getNode() {
        return node;
    }

    /** The node(s) to remove, comma separated. */
    @DataBoundSetter
    public void setNode(String node) {
        this.node = blankToNull(node);
    }

    public boolean isResetNodes() {
        return resetNodes;
    }

    /** False when the node is gone and cannot be reset (reset_nodes=false). */
    @DataBoundSetter
    public void setResetNodes(boolean resetNodes) {
        this.resetNodes = resetNodes;
    }

    @DataBoundConstructor
    public KubesprayRemoveNodeStep() {
    }

    @Override
    protected Operation operation() {
        return Operation.KUBESPRAY_REMOVE_NODE;
    }

    @Override
    protected void configure(OperationRequest.Builder request) {
        request.nodes(node).resetNodes(resetNodes);
    }

    @Extension
    public static final class DescriptorImpl extends AnsibleStepDescriptor {
        @Override
        public String getFunctionName() {
            return "kubesprayRemoveNode";
        }

        @Override
        public String getDisplayName() {
            return "Remove a node with Kubespray remove-node.yml (Kube Magic)";
        }
    }
}
