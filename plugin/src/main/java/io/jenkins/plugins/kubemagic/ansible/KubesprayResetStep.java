package io.jenkins.plugins.kubemagic.ansible;

import hudson.Extension;
import io.kubemagic.engine.playbooks.Operation;
import io.kubemagic.engine.playbooks.OperationRequest;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code kubesprayReset}: Kubespray's reset.yml, which wipes Kubernetes and etcd; only runs when {@code confirm} repeats the inventory name.
 */
public class KubesprayResetStep extends AnsibleStep {
    private String confirm;

    public String getConfirm() {
        return confirm;
    }

    /** Must be the inventory name: the explicit confirmation of a reset. */
    @DataBoundSetter
    public void setConfirm(String confirm) {
        this.confirm = blankToNull(confirm);
    }

    @DataBoundConstructor
    public KubesprayResetStep() {
    }

    @Override
    protected Operation operation() {
        return Operation.KUBESPRAY_RESET;
    }

    @Override
    protected void configure(OperationRequest.Builder request) {
        request.confirm(confirm);
    }

    @Extension
    public static final class DescriptorImpl extends AnsibleStepDescriptor {
        @Override
        public String getFunctionName() {
            return "kubesprayReset";
        }

        @Override
        public String getDisplayName() {
            return "Wipe a cluster with Kubespray reset.yml (Kube Magic)";
        }
    }
}
