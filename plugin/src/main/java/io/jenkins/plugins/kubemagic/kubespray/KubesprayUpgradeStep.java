package io.jenkins.plugins.kubemagic.kubespray;

import com.cloudbees.plugins.credentials.common.StandardCertificateCredentials;
import hudson.AbortException;
import hudson.Extension;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.kubemagic.ansible.AnsibleAccessFields;
import io.jenkins.plugins.kubemagic.ansible.AnsibleAccessForms;
import io.jenkins.plugins.kubemagic.credentials.CredentialResolver;
import io.jenkins.plugins.kubemagic.credentials.CredentialSource;
import io.jenkins.plugins.kubemagic.credentials.ResolvedCredential;
import io.jenkins.plugins.kubemagic.kube.KubeStepDescriptor;
import io.jenkins.plugins.kubemagic.kube.KubeconfigCredential;
import io.jenkins.plugins.kubemagic.steps.AgentStep;
import io.jenkins.plugins.kubemagic.steps.AgentStepExecution;
import io.jenkins.plugins.kubemagic.steps.BuildIdentity;
import io.jenkins.plugins.kubemagic.steps.CredentialsListing;
import io.kubemagic.engine.InvalidInputException;
import io.kubemagic.engine.ansible.AnsibleOptions;
import io.kubemagic.engine.etcd.EtcdTarget;
import io.kubemagic.engine.etcd.TlsMaterial;
import io.kubemagic.engine.etcd.TlsMaterials;
import io.kubemagic.engine.kubespray.UpgradeRequest;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * {@code kubesprayUpgrade}: with {@code plan: true}, the plan (hops, inventory review, pre-flight
 * findings) for an {@code input} approval; without, the run, hop by hop, resumable. {@code maxHops: 1}
 * runs one hop per call, so a pipeline can ask for approval before each.
 */
public class KubesprayUpgradeStep extends Step implements AgentStep<KubesprayUpgradeCallable.Outcome, Map<String, Object>> {
    private String kubesprayDir;
    private String inventory;
    private String credentialsId;
    private String context;
    private String kubesprayRef;
    private String currentKubeVersion;
    private String targetTag;
    private String targetKubeVersion;
    private boolean plan;
    private String stateDir = "kubespray-upgrade";
    private int maxHops;
    private boolean preflight = true;
    private boolean ignorePreflight;
    private int drainGracePeriodSeconds = 300;
    private int drainTimeoutSeconds = 360;
    private int hopTimeoutMinutes = 360;
    private String ansiblePlaybook;
    private final AnsibleAccessFields access = new AnsibleAccessFields();
    private String etcdEndpoints;
    private String etcdCredentialsId;
    private String etcdCaCredentialsId;
    private String auditLog;

    @DataBoundConstructor
    public KubesprayUpgradeStep() {
    }

    public String getKubesprayDir() { return kubesprayDir; }
    public String getInventory() { return inventory; }
    public String getCredentialsId() { return credentialsId; }
    public String getContext() { return context; }
    public String getKubesprayRef() { return kubesprayRef; }
    public String getCurrentKubeVersion() { return currentKubeVersion; }
    public String getTargetTag() { return targetTag; }
    public String getTargetKubeVersion() { return targetKubeVersion; }
    public boolean isPlan() { return plan; }
    public String getStateDir() { return stateDir; }
    public int getMaxHops() { return maxHops; }
    public boolean isPreflight() { return preflight; }
    public boolean isIgnorePreflight() { return ignorePreflight; }
    public int getDrainGracePeriodSeconds() { return drainGracePeriodSeconds; }
    public int getDrainTimeoutSeconds() { return drainTimeoutSeconds; }
    public int getHopTimeoutMinutes() { return hopTimeoutMinutes; }
    public String getAnsiblePlaybook() { return ansiblePlaybook; }
    public String getSshCredentialsId() { return access.getKeyCredentialsId(); }
    public String getUser() { return access.getUser(); }
    public String getKnownHostsCredentialsId() { return access.getKnownHostsCredentialsId(); }
    public boolean isHostKeyChecking() { return access.isHostKeyChecking(); }
    public boolean isBecome() { return access.isBecome(); }
    public String getBecomeUser() { return access.getBecomeUser(); }
    public String getVaultCredentialsId() { return access.getVaultCredentialsId(); }
    public String getEtcdEndpoints() { return etcdEndpoints; }
    public String getEtcdCredentialsId() { return etcdCredentialsId; }
    public String getEtcdCaCredentialsId() { return etcdCaCredentialsId; }
    public String getAuditLog() { return auditLog; }

    /** Your Kubespray clone with its tags (required). */
    @DataBoundSetter public void setKubesprayDir(String kubesprayDir) { this.kubesprayDir = blank(kubesprayDir); }
    @DataBoundSetter public void setInventory(String inventory) { this.inventory = blank(inventory); }
    @DataBoundSetter public void setCredentialsId(String credentialsId) { this.credentialsId = blank(credentialsId); }
    @DataBoundSetter public void setContext(String context) { this.context = blank(context); }
    @DataBoundSetter public void setKubesprayRef(String kubesprayRef) { this.kubesprayRef = blank(kubesprayRef); }
    @DataBoundSetter public void setCurrentKubeVersion(String version) { this.currentKubeVersion = blank(version); }
    @DataBoundSetter public void setTargetTag(String targetTag) { this.targetTag = blank(targetTag); }
    @DataBoundSetter public void setTargetKubeVersion(String version) { this.targetKubeVersion = blank(version); }
    @DataBoundSetter public void setPlan(boolean plan) { this.plan = plan; }
    @DataBoundSetter public void setStateDir(String stateDir) { this.stateDir = blank(stateDir) == null ? "kubespray-upgrade" : stateDir.trim(); }
    @DataBoundSetter public void setMaxHops(int maxHops) { this.maxHops = maxHops; }
    @DataBoundSetter public void setPreflight(boolean preflight) { this.preflight = preflight; }
    @DataBoundSetter public void setIgnorePreflight(boolean ignorePreflight) { this.ignorePreflight = ignorePreflight; }
    @DataBoundSetter public void setDrainGracePeriodSeconds(int seconds) { this.drainGracePeriodSeconds = seconds; }
    @DataBoundSetter public void setDrainTimeoutSeconds(int seconds) { this.drainTimeoutSeconds = seconds; }
    @DataBoundSetter public void setHopTimeoutMinutes(int minutes) { this.hopTimeoutMinutes = minutes; }
    @DataBoundSetter public void setAnsiblePlaybook(String ansiblePlaybook) { this.ansiblePlaybook = blank(ansiblePlaybook); }
    /** The hops' SSH key (an SSH Username with private key credential); {@code credentialsId} is the kubeconfig. */
    @DataBoundSetter public void setSshCredentialsId(String id) { access.setKeyCredentialsId(id); }
    @DataBoundSetter public void setUser(String user) { access.setUser(user); }
    @DataBoundSetter public void setKnownHostsCredentialsId(String id) { access.setKnownHostsCredentialsId(id); }
    @DataBoundSetter public void setHostKeyChecking(boolean hostKeyChecking) { access.setHostKeyChecking(hostKeyChecking); }
    @DataBoundSetter public void setBecome(boolean become) { access.setBecome(become); }
    @DataBoundSetter public void setBecomeUser(String becomeUser) { access.setBecomeUser(becomeUser); }
    @DataBoundSetter public void setVaultCredentialsId(String id) { access.setVaultCredentialsId(id); }
    @DataBoundSetter public void setEtcdEndpoints(String etcdEndpoints) { this.etcdEndpoints = blank(etcdEndpoints); }
    @DataBoundSetter public void setEtcdCredentialsId(String id) { this.etcdCredentialsId = blank(id); }
    @DataBoundSetter public void setEtcdCaCredentialsId(String id) { this.etcdCaCredentialsId = blank(id); }
    @DataBoundSetter public void setAuditLog(String auditLog) { this.auditLog = blank(auditLog); }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /**
     * The engine request; paths relative to the workspace; the kubeconfig, etcd material, SSH key, known_hosts and
     * vault password read from the credentials.
     */
    public UpgradeRequest request(CredentialSource credentials, String workspace) {
        if (kubesprayDir == null) {
            throw new InvalidInputException("kubesprayDir", "no Kubespray checkout given; give the folder of your clone (with its tags)");
        }
        UpgradeRequest.Builder builder = UpgradeRequest.builder(BuildIdentity.onAgent(workspace, kubesprayDir),
                        BuildIdentity.onAgent(workspace, stateDir))
                .inventory(BuildIdentity.onAgent(workspace, inventory)).kubesprayRef(kubesprayRef)
                .currentKubeVersion(currentKubeVersion).targetTag(targetTag).targetKubeVersion(targetKubeVersion)
                .maxHops(maxHops).preflight(preflight).ignorePreflight(ignorePreflight)
                .drainGracePeriodSeconds(drainGracePeriodSeconds).drainTimeoutSeconds(drainTimeoutSeconds)
                .hopTimeout(Duration.ofMinutes(Math.max(1, hopTimeoutMinutes)))
                .ansible(access.apply(AnsibleOptions.builder().ansiblePlaybook(ansiblePlaybook), new CredentialResolver(credentials),
                        "sshCredentialsId").build());
        if (credentialsId != null) {
            builder.kube(KubeconfigCredential.target(credentials, "credentialsId", credentialsId, context, 30));
        } else if (currentKubeVersion == null) {
            throw new InvalidInputException("credentialsId", "give the cluster's kubeconfig (a secret file credential), "
                    + "or currentKubeVersion when the API cannot be reached from the agent");
        }
        if (etcdEndpoints != null) {
            builder.etcd(etcd(credentials));
        }
        if (!plan && inventory == null) {
            throw new InvalidInputException("inventory", "no inventory given; the upgrade runs against your inventory folder");
        }
        return builder.build();
    }

    private EtcdTarget etcd(CredentialSource credentials) {
        CredentialResolver resolver = new CredentialResolver(credentials);
        String ca = etcdCaCredentialsId == null ? null : resolver.text("etcdCaCredentialsId", etcdCaCredentialsId);
        TlsMaterial tls = ca == null ? null : TlsMaterial.serverOnly(ca);
        if (etcdCredentialsId != null) {
            ResolvedCredential credential = resolver.require("etcdCredentialsId", etcdCredentialsId,
                    ResolvedCredential.Certificate.class, ResolvedCredential.File.class);
            tls = credential instanceof ResolvedCredential.Certificate certificate
                    ? TlsMaterials.fromKeyStore("etcdCredentialsId", certificate.keyStore(), certificate.password().reveal().toCharArray(), ca)
                    : TlsMaterials.fromPemBundle("etcdCredentialsId",
                    new String(((ResolvedCredential.File) credential).content(), StandardCharsets.UTF_8), ca);
        }
        return EtcdTarget.builder().endpoints(etcdEndpoints).tls(tls).build();
    }

    public KubesprayUpgradeCallable callable(CredentialSource credentials, TaskListener listener, String who, String workspace) {
        return new KubesprayUpgradeCallable(request(credentials, workspace), plan, listener, who, BuildIdentity.onAgent(workspace, auditLog));
    }

    /** A refused plan or a failed run fails the step with where it stopped; otherwise the plan or the run as maps. */
    public static Map<String, Object> resultOrFailure(KubesprayUpgradeCallable.Outcome outcome) throws AbortException {
        if (outcome.report() == null) {
            if (!outcome.plan().refusals().isEmpty()) {
                throw new AbortException("kubesprayUpgrade refused: " + String.join("; ", outcome.plan().refusals()));
            }
            return KubesprayResults.plan(outcome.plan());
        }
        if (outcome.report().failure() != null) {
            throw new AbortException("kubesprayUpgrade stopped: " + outcome.report().failure()
                    + (outcome.report().resumeHint() == null ? "" : "\n" + outcome.report().resumeHint()));
        }
        return KubesprayResults.run(outcome.report());
    }

    @Override
    public StepExecution start(StepContext context) {
        return new AgentStepExecution<>(this, context);
    }

    @Override
    public Map<String, Object> finish(Run<?, ?> run, KubesprayUpgradeCallable.Outcome outcome) throws AbortException {
        KubesprayReportAction.of(run).add(outcome);
        return resultOrFailure(outcome);
    }

    @Extension
    public static final class DescriptorImpl extends KubeStepDescriptor {
        @Override
        public String getFunctionName() {
            return "kubesprayUpgrade";
        }

        @Override
        public String getDisplayName() {
            return "Plan or run a Kubespray cluster upgrade, hop by hop (Kube Magic)";
        }

        @POST
        public ListBoxModel doFillEtcdCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String etcdCredentialsId) {
            return CredentialsListing.of(item, etcdCredentialsId, StandardCertificateCredentials.class, FileCredentials.class);
        }

        @POST
        public ListBoxModel doFillEtcdCaCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String etcdCaCredentialsId) {
            return AnsibleAccessForms.secretTexts(item, etcdCaCredentialsId);
        }

        @POST
        public ListBoxModel doFillSshCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String sshCredentialsId) {
            return AnsibleAccessForms.sshKeys(item, sshCredentialsId);
        }

        @POST
        public ListBoxModel doFillKnownHostsCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String knownHostsCredentialsId) {
            return AnsibleAccessForms.secretTexts(item, knownHostsCredentialsId);
        }

        @POST
        public ListBoxModel doFillVaultCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String vaultCredentialsId) {
            return AnsibleAccessForms.secretTexts(item, vaultCredentialsId);
        }

        @POST
        public FormValidation doCheckHostKeyChecking(@AncestorInPath Item item, @QueryParameter boolean value) {
            return AnsibleAccessForms.checkHostKeyChecking(item, value);
        }
    }
}
