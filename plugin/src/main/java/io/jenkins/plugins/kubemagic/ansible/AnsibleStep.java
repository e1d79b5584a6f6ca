package io.jenkins.plugins.kubemagic.ansible;

import hudson.AbortException;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.kubemagic.credentials.CredentialResolver;
import io.jenkins.plugins.kubemagic.credentials.CredentialSource;
import io.jenkins.plugins.kubemagic.steps.AgentStep;
import io.jenkins.plugins.kubemagic.steps.AgentStepExecution;
import io.jenkins.plugins.kubemagic.steps.BuildIdentity;
import io.kubemagic.engine.InvalidInputException;
import io.kubemagic.engine.ansible.AnsibleOptions;
import io.kubemagic.engine.ansible.PlaybookReport;
import io.kubemagic.engine.inventory.SafeYaml;
import io.kubemagic.engine.playbooks.Operation;
import io.kubemagic.engine.playbooks.OperationRequest;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundSetter;

import java.time.Duration;
import java.util.Map;

/**
 * The fields every playbook step shares (site layout, inventory, SSH key and host keys, limit,
 * tags, extra vars, vault, become, forks, check/diff, time limit) and their mapping to an engine
 * {@link OperationRequest}. The mapping is plain Java, tested without Jenkins.
 */
public abstract class AnsibleStep extends Step implements AgentStep<PlaybookReport, Map<String, Map<String, Object>>> {
    private String site;
    private String inventory;
    private final AnsibleAccessFields access = new AnsibleAccessFields();
    private String limit;
    private String tags;
    private String skipTags;
    private String extraVars;
    private String secretExtraVarsCredentialsId;
    private int forks;
    private boolean check;
    private boolean diff;
    private int verbosity;
    private int timeoutMinutes = 120;
    private boolean color;
    private String ansiblePlaybook;
    private boolean failOnLintErrors = true;
    private String auditLog;

    /** Which named operation this step runs. */
    protected abstract Operation operation();

    /** The operation's own parameters (nodes, etcdRetries, confirm, ...). */
    protected void configure(OperationRequest.Builder request) {
    }

    public String getSite() { return site; }

    /** The site layout file, relative to the workspace (default: kubemagic-site.yml if present). */
    @DataBoundSetter
    public void setSite(String site) { this.site = blankToNull(site); }

    public String getInventory() { return inventory; }

    /** The inventory name: {@code {inventory}} in the site layout (kubespray/inventory/NAME/hosts.yml). */
    @DataBoundSetter
    public void setInventory(String inventory) { this.inventory = blankToNull(inventory); }

    public String getCredentialsId() { return access.getKeyCredentialsId(); }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) { access.setKeyCredentialsId(credentialsId); }

    public String getUser() { return access.getUser(); }

    @DataBoundSetter
    public void setUser(String user) { access.setUser(user); }

    public String getKnownHostsCredentialsId() { return access.getKnownHostsCredentialsId(); }

    @DataBoundSetter
    public void setKnownHostsCredentialsId(String id) { access.setKnownHostsCredentialsId(id); }

    public boolean isHostKeyChecking() { return access.isHostKeyChecking(); }

    @DataBoundSetter
    public void setHostKeyChecking(boolean hostKeyChecking) { access.setHostKeyChecking(hostKeyChecking); }

    public String getLimit() { return limit; }

    @DataBoundSetter
    public void setLimit(String limit) { this.limit = blankToNull(limit); }

    public String getTags() { return tags; }

    @DataBoundSetter
    public void setTags(String tags) { this.tags = blankToNull(tags); }

    public String getSkipTags() { return skipTags; }

    @DataBoundSetter
    public void setSkipTags(String skipTags) { this.skipTags = blankToNull(skipTags); }

    public String getExtraVars() { return extraVars; }

    /** Plain extra variables as YAML or JSON ("etcd_retries: 300"); audited as they are, never for secrets. */
    @DataBoundSetter
    public void setExtraVars(String extraVars) { this.extraVars = blankToNull(extraVars); }

    public String getSecretExtraVarsCredentialsId() { return secretExtraVarsCredentialsId; }

    @DataBoundSetter
    public void setSecretExtraVarsCredentialsId(String id) { this.secretExtraVarsCredentialsId = blankToNull(id); }

    public String getVaultCredentialsId() { return access.getVaultCredentialsId(); }

    @DataBoundSetter
    public void setVaultCredentialsId(String id) { access.setVaultCredentialsId(id); }

    public boolean isBecome() { return access.isBecome(); }

    @DataBoundSetter
    public void setBecome(boolean become) { access.setBecome(become); }

    public String getBecomeUser() { return access.getBecomeUser(); }

    @DataBoundSetter
    public void setBecomeUser(String becomeUser) { access.setBecomeUser(becomeUser); }

    public int getForks() { return forks; }

    @DataBoundSetter
    public void setForks(int forks) { this.forks = forks; }

    public boolean isCheck() { return check; }

    @DataBoundSetter
    public void setCheck(boolean check) { this.check = check; }

    public boolean isDiff() { return diff; }

    @DataBoundSetter
    public void setDiff(boolean diff) { this.diff = diff; }

    public int getVerbosity() { return verbosity; }

    @DataBoundSetter
    public void setVerbosity(int verbosity) { this.verbosity = verbosity; }

    public int getTimeoutMinutes() { return timeoutMinutes; }

    @DataBoundSetter
    public void setTimeoutMinutes(int timeoutMinutes) {
        if (timeoutMinutes <= 0) {
            throw new InvalidInputException("timeoutMinutes", timeoutMinutes + " must be more than 0");
        }
        this.timeoutMinutes = timeoutMinutes;
    }

    public boolean isColor() { return color; }

    /** ANSI colours in the log (with the AnsiColor plugin's ansiColor wrapper). */
    @DataBoundSetter
    public void setColor(boolean color) { this.color = color; }

    public String getAnsiblePlaybook() { return ansiblePlaybook; }

    @DataBoundSetter
    public void setAnsiblePlaybook(String ansiblePlaybook) { this.ansiblePlaybook = blankToNull(ansiblePlaybook); }

    public boolean isFailOnLintErrors() { return failOnLintErrors; }

    @DataBoundSetter
    public void setFailOnLintErrors(boolean failOnLintErrors) { this.failOnLintErrors = failOnLintErrors; }

    public String getAuditLog() { return auditLog; }

    @DataBoundSetter
    public void setAuditLog(String auditLog) { this.auditLog = blankToNull(auditLog); }

    static String blankToNull(String value) {
        return AnsibleAccessFields.blankToNull(value);
    }

    /** The ansible options, with the SSH key, known_hosts, vault password and secret variables read from the credentials. */
    public AnsibleOptions options(CredentialSource credentials) {
        CredentialResolver resolver = new CredentialResolver(credentials);
        AnsibleOptions.Builder builder = AnsibleOptions.builder()
                .limit(limit).tags(tags).skipTags(skipTags)
                .forks(forks).check(check).diff(diff).verbosity(verbosity)
                .timeout(Duration.ofMinutes(timeoutMinutes)).color(color).ansiblePlaybook(ansiblePlaybook)
                .failOnLintErrors(failOnLintErrors)
                .extraVars(mapping("extraVars", extraVars));
        if (secretExtraVarsCredentialsId != null) {
            builder.secretExtraVars(mapping("secretExtraVarsCredentialsId",
                    resolver.text("secretExtraVarsCredentialsId", secretExtraVarsCredentialsId)));
        }
        return access.apply(builder, resolver, "credentialsId").build();
    }

    /** The engine request for these fields; the site file is resolved against the workspace on the agent. */
    public OperationRequest request(CredentialSource credentials, String workspace) {
        OperationRequest.Builder request = OperationRequest.builder(operation(), workspace)
                .siteFile(site)
                .inventoryName(inventory)
                .options(options(credentials));
        configure(request);
        return request.build();
    }

    public AnsibleCallable callable(CredentialSource credentials, TaskListener listener, String who, String workspace) {
        return new AnsibleCallable(request(credentials, workspace), listener, who, BuildIdentity.onAgent(workspace, auditLog));
    }

    @Override
    public StepExecution start(StepContext context) {
        return new AgentStepExecution<>(this, context);
    }

    @Override
    public Map<String, Map<String, Object>> finish(Run<?, ?> run, PlaybookReport report) throws AbortException {
        AnsibleReportAction.of(run).add(report);
        return AnsibleResults.resultOrFailure(report);
    }

    static Map<String, Object> mapping(String field, String yaml) {
        return SafeYaml.mapping(field, yaml);
    }
}
