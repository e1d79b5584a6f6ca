package io.jenkins.plugins.kubemagic.ansible;

import hudson.Extension;
import io.kubemagic.engine.playbooks.Operation;
import io.kubemagic.engine.playbooks.OperationRequest;
import io.kubemagic.engine.site.SiteLayout;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code kubeMagicPlaybook}: any playbook of the custom checkout (post-install, logging, monitoring, tekton: {@code make deploy-post} and friends), against the custom inventory or another checkout's.
 */
public class KubeMagicPlaybookStep extends AnsibleStep {
    private String playbook;
    private String inventoryFrom = "custom";

    public String getPlaybook() {
        return playbook;
    }

    /** The playbook, relative to the custom checkout (post.yml, logging.yml, ...). */
    @DataBoundSetter
    public void setPlaybook(String playbook) {
        this.playbook = blankToNull(playbook);
    }

    public String getInventoryFrom() {
        return inventoryFrom;
    }

    /** Whose inventory: custom (default), kubespray, ceph or openshift. */
    @DataBoundSetter
    public void setInventoryFrom(String inventoryFrom) {
        this.inventoryFrom = blankToNull(inventoryFrom) == null ? "custom" : inventoryFrom.trim();
    }

    @DataBoundConstructor
    public KubeMagicPlaybookStep() {
    }

    @Override
    protected Operation operation() {
        return Operation.PLAYBOOK;
    }

    @Override
    protected void configure(OperationRequest.Builder request) {
        request.playbook(playbook).inventoryFrom(SiteLayout.Checkout.parse("inventoryFrom", inventoryFrom));
    }

    @Extension
    public static final class DescriptorImpl extends AnsibleStepDescriptor {
        @Override
        public String getFunctionName() {
            return "kubeMagicPlaybook";
        }

        @Override
        public String getDisplayName() {
            return "Run a custom playbook (Kube Magic)";
        }
    }
}
