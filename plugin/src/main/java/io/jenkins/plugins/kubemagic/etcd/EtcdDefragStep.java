package io.jenkins.plugins.kubemagic.etcd;

import hudson.AbortException;
import hudson.Extension;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.kubemagic.credentials.CredentialSource;
import io.jenkins.plugins.kubemagic.steps.AgentStep;
import io.jenkins.plugins.kubemagic.steps.AgentStepExecution;
import io.jenkins.plugins.kubemagic.steps.BuildIdentity;
import io.kubemagic.engine.etcd.DefragReport;
import io.kubemagic.engine.etcd.DefragRequest;
import io.kubemagic.engine.etcd.DefragRule;
import io.kubemagic.engine.etcd.QuotaBytes;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

import java.time.Duration;
import java.util.Map;

/**
 * {@code etcdDefrag}: the recovery from "mvcc: database space exceeded" as one audited step —
 * compaction, defragmentation one member at a time (followers first, leader last), NOSPACE alarms
 * disarmed only when every member is under the quota, and a check that nothing was lost.
 * {@code dryRun: true} only shows the plan.
 */
public class EtcdDefragStep extends EtcdConnectionStep implements AgentStep<DefragReport, Map<String, Object>> {
    private double quotaUsagePercent = DefragRule.DEFAULT_QUOTA_USAGE_PERCENT;
    private String reclaimableBytes;
    private boolean force;
    private String snapshotFile;
    private boolean compact = true;
    private long keepRevisions;
    private boolean disarmAlarms = true;
    private boolean verify = true;
    private boolean dryRun;
    private int memberTimeoutSeconds = 600;

    @DataBoundConstructor
    public EtcdDefragStep() {
    }

    public double getQuotaUsagePercent() {
        return quotaUsagePercent;
    }

    @DataBoundSetter
    public void setQuotaUsagePercent(double quotaUsagePercent) {
        this.quotaUsagePercent = quotaUsagePercent;
    }

    public String getReclaimableBytes() {
        return reclaimableBytes;
    }

    @DataBoundSetter
    public void setReclaimableBytes(String reclaimableBytes) {
        this.reclaimableBytes = blankToNull(reclaimableBytes);
    }

    public boolean isForce() {
        return force;
    }

    @DataBoundSetter
    public void setForce(boolean force) {
        this.force = force;
    }

    public String getSnapshotFile() {
        return snapshotFile;
    }

    @DataBoundSetter
    public void setSnapshotFile(String snapshotFile) {
        this.snapshotFile = blankToNull(snapshotFile);
    }

    public boolean isCompact() {
        return compact;
    }

    @DataBoundSetter
    public void setCompact(boolean compact) {
        this.compact = compact;
    }

    public long getKeepRevisions() {
        return keepRevisions;
    }

    @DataBoundSetter
    public void setKeepRevisions(long keepRevisions) {
        this.keepRevisions = keepRevisions;
    }

    public boolean isDisarmAlarms() {
        return disarmAlarms;
    }

    @DataBoundSetter
    public void setDisarmAlarms(boolean disarmAlarms) {
        this.disarmAlarms = disarmAlarms;
    }

    public boolean isVerify() {
        return verify;
    }

    @DataBoundSetter
    public void setVerify(boolean verify) {
        this.verify = verify;
    }

    public boolean isDryRun() {
        return dryRun;
    }

    @DataBoundSetter
    public void setDryRun(boolean dryRun) {
        this.dryRun = dryRun;
    }

    public int getMemberTimeoutSeconds() {
        return memberTimeoutSeconds;
    }

    @DataBoundSetter
    public void setMemberTimeoutSeconds(int memberTimeoutSeconds) {
        this.memberTimeoutSeconds = memberTimeoutSeconds;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new AgentStepExecution<>(this, context);
    }

    /** The engine request for these fields; paths are resolved against the workspace on the agent. */
    public DefragRequest request(CredentialSource credentials, String workspace) {
        long reclaim = reclaimableBytes == null ? DefragRule.DEFAULT_RECLAIMABLE_BYTES
                : QuotaBytes.parse("reclaimableBytes", reclaimableBytes);
        return DefragRequest.builder(target(credentials))
                .quotaBytes(quota())
                .rule(new DefragRule(quotaUsagePercent, reclaim, force))
                .snapshotPath(BuildIdentity.onAgent(workspace, snapshotFile))
                .compact(compact)
                .keepRevisions(keepRevisions)
                .disarmAlarms(disarmAlarms)
                .verify(verify)
                .dryRun(dryRun)
                .memberTimeout(Duration.ofSeconds(positive("memberTimeoutSeconds", memberTimeoutSeconds)))
                .build();
    }

    public EtcdDefragCallable callable(CredentialSource credentials, TaskListener listener, String who, String workspace) {
        return new EtcdDefragCallable(request(credentials, workspace), listener, who, BuildIdentity.onAgent(workspace, getAuditLog()));
    }

    /** A run that stopped fails the step, with the record of where it stopped in the message. */
    public static Map<String, Object> resultOrFailure(DefragReport report) throws AbortException {
        if (!report.completed()) {
            throw new AbortException("etcdDefrag stopped: " + report.failure() + "\n" + report.resumeHint());
        }
        return EtcdResults.defrag(report);
    }

    @Override
    public Map<String, Object> finish(Run<?, ?> run, DefragReport report) throws AbortException {
        EtcdReportAction.of(run).addDefrag(report);
        return resultOrFailure(report);
    }

    @Extension
    public static final class DescriptorImpl extends EtcdStepDescriptor {
        @Override
        public String getFunctionName() {
            return "etcdDefrag";
        }

        @Override
        public String getDisplayName() {
            return "Defragment etcd and clear NOSPACE alarms (Kube Magic)";
        }
    }
}
