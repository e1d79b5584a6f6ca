package io.jenkins.plugins.kubemagic.ansible;

import hudson.Extension;
import io.kubemagic.engine.playbooks.Operation;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * {@code kubeDeploy}: Kubespray's cluster.yml ({@code make deploy-kube}) against an inventory of the site layout, the inventory linted first.
 */
public class KubeDeployStep extends AnsibleStep {

    @DataBoundConstructor
    public KubeDeployStep() {
    }

    @Override
    protected Operation operation() {
        return Operation.KUBE_DEPLOY;
    }

    @Extension
    public static final class DescriptorImpl extends AnsibleStepDescriptor {
        @Override
        public String getFunctionName() {
            return "kubeDeploy";
        }

        @Override
        public String getDisplayName() {
            return "Deploy Kubernetes with Kubespray cluster.yml (Kube Magic)";
        }
    }
}
