package io.jenkins.plugins.kubemagic.ansible;

import hudson.Extension;
import io.kubemagic.engine.playbooks.Operation;
import io.kubemagic.engine.playbooks.OperationRequest;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code kubesprayRecoverControlPlane}: Kubespray's recover-control-plane.yml with {@code -l etcd,kube_control_plane -e etcd_retries=N}, for the hosts of broken_etcd / broken_kube_control_plane; the lint refuses a host moved out of its normal group.
 */
public class KubesprayRecoverControlPlaneStep extends AnsibleStep {
    private int etcdRetries = OperationRequest.DEFAULT_ETCD_RETRIES;

    public int getEtcdRetries() {
        return etcdRetries;
    }

    @DataBoundSetter
    public void setEtcdRetries(int etcdRetries) {
        this.etcdRetries = etcdRetries;
    }

    @DataBoundConstructor
    public KubesprayRecoverControlPlaneStep() {
    }

    @Override
    protected Operation operation() {
        return Operation.KUBESPRAY_RECOVER_CONTROL_PLANE;
    }

    @Override
    protected void configure(OperationRequest.Builder request) {
        request.etcdRetries(etcdRetries);
    }

    @Extension
    public static final class DescriptorImpl extends AnsibleStepDescriptor {
        @Override
        public String getFunctionName() {
            return "kubesprayRecoverControlPlane";
        }

        @Override
        public String getDisplayName() {
            return "Recover the control plane with Kubespray recover-control-plane.yml (Kube Magic)";
        }
    }
}
