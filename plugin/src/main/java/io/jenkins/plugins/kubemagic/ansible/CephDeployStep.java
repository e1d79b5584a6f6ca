package io.jenkins.plugins.kubemagic.ansible;

import hudson.Extension;
import io.kubemagic.engine.playbooks.Operation;
import io.kubemagic.engine.playbooks.OperationRequest;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code cephDeploy}: ceph-ansible's site.yml, or site-container.yml ({@code make deploy-ceph}); the lint checks mons/osds/mgrs and an odd monitor count.
 */
public class CephDeployStep extends AnsibleStep {
    private boolean containerized;
    private String playbook;

    public boolean isContainerized() {
        return containerized;
    }

    /** Run site-container.yml instead of site.yml. */
    @DataBoundSetter
    public void setContainerized(boolean containerized) {
        this.containerized = containerized;
    }

    public String getPlaybook() {
        return playbook;
    }

    /** Another playbook of the ceph-ansible checkout (relative path). */
    @DataBoundSetter
    public void setPlaybook(String playbook) {
        this.playbook = blankToNull(playbook);
    }

    @DataBoundConstructor
    public CephDeployStep() {
    }

    @Override
    protected Operation operation() {
        return Operation.CEPH_DEPLOY;
    }

    @Override
    protected void configure(OperationRequest.Builder request) {
        request.containerized(containerized).playbook(playbook);
    }

    @Extension
    public static final class DescriptorImpl extends AnsibleStepDescriptor {
        @Override
        public String getFunctionName() {
            return "cephDeploy";
        }

        @Override
        public String getDisplayName() {
            return "Deploy Ceph with ceph-ansible (Kube Magic)";
        }
    }
}
