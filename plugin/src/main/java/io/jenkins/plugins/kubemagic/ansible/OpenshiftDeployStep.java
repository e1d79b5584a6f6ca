package io.jenkins.plugins.kubemagic.ansible;

import hudson.Extension;
import io.kubemagic.engine.playbooks.Operation;
import io.kubemagic.engine.playbooks.OperationRequest;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code openshiftDeploy}: openshift-ansible's playbooks/prerequisites.yml then playbooks/deploy_cluster.yml ({@code make deploy-openshift}).
 */
public class OpenshiftDeployStep extends AnsibleStep {
    private boolean prerequisites = true;

    public boolean isPrerequisites() {
        return prerequisites;
    }

    /** Run playbooks/prerequisites.yml first (default true). */
    @DataBoundSetter
    public void setPrerequisites(boolean prerequisites) {
        this.prerequisites = prerequisites;
    }

    @DataBoundConstructor
    public OpenshiftDeployStep() {
    }

    @Override
    protected Operation operation() {
        return Operation.OPENSHIFT_DEPLOY;
    }

    @Override
    protected void configure(OperationRequest.Builder request) {
        request.prerequisites(prerequisites);
    }

    @Extension
    public static final class DescriptorImpl extends AnsibleStepDescriptor {
        @Override
        public String getFunctionName() {
            return "openshiftDeploy";
        }

        @Override
        public String getDisplayName() {
            return "Deploy OpenShift with openshift-ansible (Kube Magic)";
        }
    }
}
