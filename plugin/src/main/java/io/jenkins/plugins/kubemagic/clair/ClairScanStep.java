package io.jenkins.plugins.kubemagic.clair;

import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.AbortException;
import hudson.Extension;
import hudson.model.Item;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.kubemagic.credentials.CredentialResolver;
import io.jenkins.plugins.kubemagic.credentials.CredentialSource;
import io.jenkins.plugins.kubemagic.credentials.ResolvedCredential;
import io.jenkins.plugins.kubemagic.steps.AgentStep;
import io.jenkins.plugins.kubemagic.steps.AgentStepExecution;
import io.jenkins.plugins.kubemagic.steps.BuildIdentity;
import io.jenkins.plugins.kubemagic.steps.CredentialsListing;
import io.jenkins.plugins.kubemagic.steps.FieldCheck;
import io.jenkins.plugins.kubemagic.steps.FormChecks;
import io.kubemagic.engine.InvalidInputException;
import io.kubemagic.engine.clair.ClairApi;
import io.kubemagic.engine.clair.ClairEndpoint;
import io.kubemagic.engine.clair.GateAction;
import io.kubemagic.engine.clair.GateResult;
import io.kubemagic.engine.clair.ScanPolicy;
import io.kubemagic.engine.clair.ScanReport;
import io.kubemagic.engine.clair.ScanRequest;
import io.kubemagic.engine.clair.Severity;
import io.kubemagic.engine.console.SecretValue;
import io.kubemagic.engine.registry.ImageReference;
import io.kubemagic.engine.registry.Platform;
import io.kubemagic.engine.registry.RegistryCredentials;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import io.jenkins.plugins.kubemagic.steps.AgentStepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code clairScan}: images scanned by Clair straight from their registry (no Docker, no
 * privileged agent), a gate that fails the build or marks it unstable, reports in the workspace
 * and a build page listing the vulnerabilities.
 */
public class ClairScanStep extends Step implements AgentStep<ScanReport, Map<String, Object>> {
    private List<String> images = new ArrayList<>();
    private String clairUrl;
    private String apiVersion = "v4";
    private String registryCredentialsId;
    private String clairCredentialsId;
    private String clairIssuer;
    private String threshold = ScanPolicy.DEFAULT_THRESHOLD.label();
    private String whitelistFile;
    private boolean ignoreUnfixed;
    private boolean failBuild = true;
    private boolean unstable;
    private int maxFindings;
    private String reportDir;
    private String platform;
    private String insecureRegistries;
    private int concurrency = ScanRequest.DEFAULT_CONCURRENCY;
    private int timeoutSeconds = 120;
    private String auditLog;

    @DataBoundConstructor
    public ClairScanStep() {
    }

    /** For Java callers: the required list of images up front. */
    public ClairScanStep(List<String> images) {
        setImages(images);
    }

    public List<String> getImages() {
        return new ArrayList<>(images);
    }

    /** The images to scan: {@code registry[:port]/namespace/name[:tag][@sha256:...]}. */
    @DataBoundSetter
    public void setImages(List<String> images) {
        this.images = images == null ? new ArrayList<>() : new ArrayList<>(images);
    }

    public String getClairUrl() {
        return clairUrl;
    }

    @DataBoundSetter
    public void setClairUrl(String clairUrl) {
        this.clairUrl = blankToNull(clairUrl);
    }

    public String getApiVersion() {
        return apiVersion;
    }

    @DataBoundSetter
    public void setApiVersion(String apiVersion) {
        this.apiVersion = blankToNull(apiVersion) == null ? "v4" : apiVersion.trim();
    }

    public String getRegistryCredentialsId() {
        return registryCredentialsId;
    }

    @DataBoundSetter
    public void setRegistryCredentialsId(String registryCredentialsId) {
        this.registryCredentialsId = blankToNull(registryCredentialsId);
    }

    public String getClairCredentialsId() {
        return clairCredentialsId;
    }

    @DataBoundSetter
    public void setClairCredentialsId(String clairCredentialsId) {
        this.clairCredentialsId = blankToNull(clairCredentialsId);
    }

    public String getClairIssuer() {
        return clairIssuer;
    }

    @DataBoundSetter
    public void setClairIssuer(String clairIssuer) {
        this.clairIssuer = blankToNull(clairIssuer);
    }

    public String getThreshold() {
        return threshold;
    }

    @DataBoundSetter
    public void setThreshold(String threshold) {
        this.threshold = blankToNull(threshold) == null ? ScanPolicy.DEFAULT_THRESHOLD.label() : threshold.trim();
    }

    public String getWhitelistFile() {
        return whitelistFile;
    }

    @DataBoundSetter
    public void setWhitelistFile(String whitelistFile) {
        this.whitelistFile = blankToNull(whitelistFile);
    }

    public boolean isIgnoreUnfixed() {
        return ignoreUnfixed;
    }

    @DataBoundSetter
    public void setIgnoreUnfixed(boolean ignoreUnfixed) {
        this.ignoreUnfixed = ignoreUnfixed;
    }

    public boolean isFailBuild() {
        return failBuild;
    }

    @DataBoundSetter
    public void setFailBuild(boolean failBuild) {
        this.failBuild = failBuild;
    }

    public boolean isUnstable() {
        return unstable;
    }

    @DataBoundSetter
    public void setUnstable(boolean unstable) {
        this.unstable = unstable;
    }

    public int getMaxFindings() {
        return maxFindings;
    }

    @DataBoundSetter
    public void setMaxFindings(int maxFindings) {
        this.maxFindings = maxFindings;
    }

    public String getReportDir() {
        return reportDir;
    }

    @DataBoundSetter
    public void setReportDir(String reportDir) {
        this.reportDir = blankToNull(reportDir);
    }

    public String getPlatform() {
        return platform;
    }

    @DataBoundSetter
    public void setPlatform(String platform) {
        this.platform = blankToNull(platform);
    }

    public String getInsecureRegistries() {
        return insecureRegistries;
    }

    /** Registries reached over plain http, comma or space separated ({@code 127.0.0.1:5000}). */
    @DataBoundSetter
    public void setInsecureRegistries(String insecureRegistries) {
        this.insecureRegistries = blankToNull(insecureRegistries);
    }

    public int getConcurrency() {
        return concurrency;
    }

    @DataBoundSetter
    public void setConcurrency(int concurrency) {
        this.concurrency = concurrency;
    }

    public int getTimeoutSeconds() {
        return timeoutSeconds;
    }

    @DataBoundSetter
    public void setTimeoutSeconds(int timeoutSeconds) {
        this.timeoutSeconds = timeoutSeconds;
    }

    public String getAuditLog() {
        return auditLog;
    }

    @DataBoundSetter
    public void setAuditLog(String auditLog) {
        this.auditLog = blankToNull(auditLog);
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** What a broken gate does: {@code unstable: true} wins, then {@code failBuild}; neither only warns. */
    public GateAction gateAction() {
        return unstable ? GateAction.UNSTABLE : failBuild ? GateAction.FAIL : GateAction.WARN;
    }

    /** The engine request for these fields; the whitelist is read on the agent (its path is resolved there). */
    public ScanRequest request(CredentialSource credentials, String workspace) {
        CredentialResolver resolver = new CredentialResolver(credentials);
        RegistryCredentials registry = null;
        if (registryCredentialsId != null) {
            ResolvedCredential.UsernamePassword login = (ResolvedCredential.UsernamePassword) resolver.require(
                    "registryCredentialsId", registryCredentialsId, ResolvedCredential.UsernamePassword.class);
            registry = new RegistryCredentials(login.username(), login.password());
        }
        SecretValue psk = null;
        if (clairCredentialsId != null) {
            psk = ((ResolvedCredential.SecretText) resolver.require("clairCredentialsId", clairCredentialsId,
                    ResolvedCredential.SecretText.class)).text();
        }
        if (maxFindings < 0) {
            throw new InvalidInputException("maxFindings", maxFindings + " must not be negative (0: any violation breaks the gate)");
        }
        if (timeoutSeconds <= 0) {
            throw new InvalidInputException("timeoutSeconds", timeoutSeconds + " must be more than 0");
        }
        ScanPolicy policy = new ScanPolicy(Severity.parse("threshold", threshold), gateAction(), ignoreUnfixed, null, maxFindings);
        return ScanRequest.builder()
                .images(images)
                .platform(Platform.parse("platform", platform))
                .registryCredentials(registry)
                .insecureRegistries(insecureRegistries == null ? List.of() : Arrays.asList(insecureRegistries.split("[,\\s]+")))
                .clair(ClairEndpoint.of("clairUrl", clairUrl, ClairApi.parse("apiVersion", apiVersion), psk, clairIssuer))
                .policy(policy)
                .reportDir(BuildIdentity.onAgent(workspace, reportDir))
                .concurrency(concurrency)
                .requestTimeout(Duration.ofSeconds(timeoutSeconds))
                .build();
    }

    public ClairScanCallable callable(CredentialSource credentials, TaskListener listener, String who, String workspace) {
        return new ClairScanCallable(request(credentials, workspace), BuildIdentity.onAgent(workspace, whitelistFile), listener,
                who, BuildIdentity.onAgent(workspace, auditLog));
    }

    /** What the gate's verdict does to the build: nothing, unstable, or a failure with the findings that broke it. */
    public enum Verdict { PASS, UNSTABLE, FAIL }

    public static Verdict verdict(ScanReport report) {
        return switch (report.gate().outcome()) {
            case PASSED, WARNED -> Verdict.PASS;
            case UNSTABLE -> Verdict.UNSTABLE;
            case FAILED, ERROR -> Verdict.FAIL;
        };
    }

    /** The step's failure message: the gate's own, which names every finding that broke it or every image that failed. */
    public static String failure(ScanReport report) {
        return "clairScan: " + (report.gate().outcome() == GateResult.Outcome.ERROR ? "" : "gate " + report.gate().outcome() + ": ")
                + report.gate().message();
    }

    @Override
    public StepExecution start(StepContext context) {
        return new AgentStepExecution<>(this, context);
    }

    @Override
    public Map<String, Object> finish(Run<?, ?> run, ScanReport report) throws AbortException {
        ClairScanAction.of(run).add(report);
        switch (verdict(report)) {
            case FAIL -> throw new AbortException(failure(report));
            case UNSTABLE -> run.setResult(Result.UNSTABLE);
            default -> {
            }
        }
        return ClairResults.of(report);
    }

    @Extension
    public static final class DescriptorImpl extends AgentStepDescriptor {
        @Override
        public String getFunctionName() {
            return "clairScan";
        }

        @Override
        public String getDisplayName() {
            return "Scan images for vulnerabilities with Clair (Kube Magic)";
        }

        @POST
        public ListBoxModel doFillRegistryCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String registryCredentialsId) {
            return CredentialsListing.of(item, registryCredentialsId, StandardUsernamePasswordCredentials.class);
        }

        @POST
        public ListBoxModel doFillClairCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String clairCredentialsId) {
            return CredentialsListing.of(item, clairCredentialsId, StringCredentials.class);
        }

        @POST
        public FormValidation doCheckClairUrl(@AncestorInPath Item item, @QueryParameter String value) {
            return FormChecks.check(item, () -> ClairFieldChecks.clairUrl(value));
        }

        @POST
        public FormValidation doCheckThreshold(@AncestorInPath Item item, @QueryParameter String value) {
            return FormChecks.check(item, () -> ClairFieldChecks.threshold(value));
        }

        @POST
        public FormValidation doCheckApiVersion(@AncestorInPath Item item, @QueryParameter String value) {
            return FormChecks.check(item, () -> ClairFieldChecks.apiVersion(value));
        }

        @POST
        public FormValidation doCheckPlatform(@AncestorInPath Item item, @QueryParameter String value) {
            return FormChecks.check(item, () -> ClairFieldChecks.platform(value));
        }
    }

    /** What the snippet generator says about a field as it is typed; the same rules the run applies. */
    public static final class ClairFieldChecks {
        private ClairFieldChecks() {
        }

        public static FieldCheck clairUrl(String value) {
            return check(() -> ClairEndpoint.of("clairUrl", value, null, null, null));
        }

        public static FieldCheck threshold(String value) {
            return value == null || value.isBlank() ? FieldCheck.ok() : check(() -> Severity.parse("threshold", value));
        }

        public static FieldCheck apiVersion(String value) {
            return check(() -> ClairApi.parse("apiVersion", value));
        }

        public static FieldCheck platform(String value) {
            return check(() -> Platform.parse("platform", value));
        }

        public static FieldCheck image(String value) {
            return check(() -> ImageReference.parse("images", value));
        }

        private static FieldCheck check(Runnable parse) {
            try {
                parse.run();
                return FieldCheck.ok();
            } catch (InvalidInputException e) {
                return FieldCheck.error(e.getMessage());
            }
        }
    }
}
