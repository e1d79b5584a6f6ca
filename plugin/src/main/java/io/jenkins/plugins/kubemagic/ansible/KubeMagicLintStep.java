package io.jenkins.plugins.kubemagic.ansible;

import hudson.AbortException;
import hudson.Extension;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.kubemagic.credentials.CredentialSource;
import io.jenkins.plugins.kubemagic.steps.AgentContext;
import io.jenkins.plugins.kubemagic.steps.AgentStep;
import io.jenkins.plugins.kubemagic.steps.AgentStepExecution;
import io.jenkins.plugins.kubemagic.steps.BuildIdentity;
import io.kubemagic.engine.playbooks.LintReport;
import io.kubemagic.engine.playbooks.Operations;
import io.kubemagic.engine.site.SiteLayout;
import io.jenkins.plugins.kubemagic.steps.AgentCall;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import io.jenkins.plugins.kubemagic.steps.AgentStepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code kubeMagicLint}: lints the site's inventories (every checkout present, or those named)
 * without running anything, so a pipeline can stop before its {@code input} approval. Returns the
 * findings; fails on errors unless {@code failOnErrors: false}.
 */
public class KubeMagicLintStep extends Step implements AgentStep<LintReport, List<Map<String, Object>>> {
    private String site;
    private String inventory;
    private String checkouts;
    private String limit;
    private boolean failOnErrors = true;
    private String auditLog;

    @DataBoundConstructor
    public KubeMagicLintStep() {
    }

    public String getSite() { return site; }

    @DataBoundSetter
    public void setSite(String site) { this.site = AnsibleStep.blankToNull(site); }

    public String getInventory() { return inventory; }

    @DataBoundSetter
    public void setInventory(String inventory) { this.inventory = AnsibleStep.blankToNull(inventory); }

    public String getCheckouts() { return checkouts; }

    /** kubespray, ceph, openshift, custom, comma separated (default: every checkout present). */
    @DataBoundSetter
    public void setCheckouts(String checkouts) { this.checkouts = AnsibleStep.blankToNull(checkouts); }

    public String getLimit() { return limit; }

    @DataBoundSetter
    public void setLimit(String limit) { this.limit = AnsibleStep.blankToNull(limit); }

    public boolean isFailOnErrors() { return failOnErrors; }

    @DataBoundSetter
    public void setFailOnErrors(boolean failOnErrors) { this.failOnErrors = failOnErrors; }

    public String getAuditLog() { return auditLog; }

    @DataBoundSetter
    public void setAuditLog(String auditLog) { this.auditLog = AnsibleStep.blankToNull(auditLog); }

    public List<SiteLayout.Checkout> checkoutList() {
        List<SiteLayout.Checkout> list = new ArrayList<>();
        if (checkouts != null) {
            for (String name : checkouts.split(",")) {
                if (!name.isBlank()) {
                    list.add(SiteLayout.Checkout.parse("checkouts", name));
                }
            }
        }
        return list;
    }

    /** Lint reads no credential: the inventory is a file of the workspace. */
    @Override
    public LintCallable callable(CredentialSource credentials, TaskListener listener, String who, String workspace) {
        return callable(listener, who, workspace);
    }

    public LintCallable callable(TaskListener listener, String who, String workspace) {
        return new LintCallable(workspace, site, inventory, checkoutList(), limit, listener, who,
                BuildIdentity.onAgent(workspace, auditLog));
    }

    /** The findings as maps, or the failure when there are errors and failOnErrors. */
    public List<Map<String, Object>> resultOrFailure(LintReport report) throws AbortException {
        if (failOnErrors && report.errors() > 0) {
            throw new AbortException("kubeMagicLint: " + report.errors() + " error(s) in the inventories: "
                    + String.join("; ", report.findings().stream().filter(f -> f.isError()).map(f -> f.describe()).toList()));
        }
        return AnsibleResults.findings(report.findings());
    }

    @Override
    public StepExecution start(StepContext context) {
        return new AgentStepExecution<>(this, context);
    }

    /** Lints on the agent, where the checkouts are. */
    public static final class LintCallable extends AgentCall<LintReport> {
        private static final long serialVersionUID = 1L;
        private final String workspace;
        private final String site;
        private final String inventory;
        private final ArrayList<SiteLayout.Checkout> checkouts;
        private final String limit;
        private final TaskListener listener;
        private final String who;
        private final String auditLog;

        LintCallable(String workspace, String site, String inventory, List<SiteLayout.Checkout> checkouts, String limit,
                     TaskListener listener, String who, String auditLog) {
            super(LintReport.class);
            this.workspace = workspace;
            this.site = site;
            this.inventory = inventory;
            this.checkouts = new ArrayList<>(checkouts);
            this.limit = limit;
            this.listener = listener;
            this.who = who;
            this.auditLog = auditLog;
        }

        @Override
        protected LintReport compute() {
            return new Operations(AgentContext.of(listener, who, auditLog)).lint(workspace, site, inventory, checkouts, limit);
        }
    }

    @Override
    public List<Map<String, Object>> finish(Run<?, ?> run, LintReport report) throws AbortException {
        AnsibleReportAction.of(run).addLint(report);
        return resultOrFailure(report);
    }

    @Extension
    public static final class DescriptorImpl extends AgentStepDescriptor {

        @Override
        public String getFunctionName() {
            return "kubeMagicLint";
        }

        @Override
        public String getDisplayName() {
            return "Lint the site's Ansible inventories (Kube Magic)";
        }
    }
}
