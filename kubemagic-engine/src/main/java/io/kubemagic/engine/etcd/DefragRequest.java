package io.kubemagic.engine.etcd;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/** Everything {@code etcd defrag} takes. Immutable; build with {@link #builder(EtcdTarget)}. */
public final class DefragRequest implements Serializable {
    private static final long serialVersionUID = 1L;

    private final EtcdTarget target;
    private final long quotaBytes;
    private final DefragRule rule;
    private final String snapshotPath;
    private final boolean compact;
    private final long keepRevisions;
    private final boolean disarmAlarms;
    private final boolean verify;
    private final boolean dryRun;
    private final Duration memberTimeout;

    private DefragRequest(Builder b) {
        this.target = b.target;
        this.quotaBytes = b.quotaBytes;
        this.rule = b.rule;
        this.snapshotPath = b.snapshotPath;
        this.compact = b.compact;
        this.keepRevisions = b.keepRevisions;
        this.disarmAlarms = b.disarmAlarms;
        this.verify = b.verify;
        this.dryRun = b.dryRun;
        this.memberTimeout = b.memberTimeout;
    }

    public static Builder builder(EtcdTarget target) {
        return new Builder(target);
    }

    public EtcdTarget target() { return target; }
    public long quotaBytes() { return quotaBytes; }
    public DefragRule rule() { return rule; }
    public String snapshotPath() { return snapshotPath; }
    public boolean compact() { return compact; }
    public long keepRevisions() { return keepRevisions; }
    public boolean disarmAlarms() { return disarmAlarms; }
    public boolean verify() { return verify; }
    public boolean dryRun() { return dryRun; }
    public Duration memberTimeout() { return memberTimeout; }

    public java.util.Map<String, Object> describe() {
        java.util.Map<String, Object> parameters = new java.util.LinkedHashMap<>();
        parameters.put("quotaBytes", quotaBytes);
        parameters.put("rule", rule.describe());
        parameters.put("snapshot", snapshotPath);
        parameters.put("compact", compact);
        parameters.put("keepRevisions", keepRevisions);
        parameters.put("disarmAlarms", disarmAlarms);
        parameters.put("verify", verify);
        parameters.put("dryRun", dryRun);
        parameters.put("memberTimeoutSeconds", memberTimeout.toSeconds());
        return parameters;
    }

    public static final class Builder {
        private final EtcdTarget target;
        private long quotaBytes = QuotaBytes.ETCD_DEFAULT;
        private DefragRule rule = DefragRule.defaults();
        private String snapshotPath;
        private boolean compact = true;
        private long keepRevisions;
        private boolean disarmAlarms = true;
        private boolean verify = true;
        private boolean dryRun;
        private Duration memberTimeout = Duration.ofMinutes(10);

        private Builder(EtcdTarget target) {
            this.target = Objects.requireNonNull(target, "target");
        }

        public Builder quotaBytes(long bytes) {
            if (bytes <= 0) {
                throw new io.kubemagic.engine.InvalidInputException("quotaBytes", bytes + " must be more than 0");
            }
            this.quotaBytes = bytes;
            return this;
        }

        public Builder rule(DefragRule rule) { this.rule = Objects.requireNonNull(rule); return this; }
        public Builder snapshotPath(String path) { this.snapshotPath = path == null || path.isBlank() ? null : path; return this; }
        public Builder compact(boolean compact) { this.compact = compact; return this; }

        public Builder keepRevisions(long keep) {
            if (keep < 0) {
                throw new io.kubemagic.engine.InvalidInputException("keepRevisions", keep + " must not be negative");
            }
            this.keepRevisions = keep;
            return this;
        }

        public Builder disarmAlarms(boolean disarm) { this.disarmAlarms = disarm; return this; }
        public Builder verify(boolean verify) { this.verify = verify; return this; }
        public Builder dryRun(boolean dryRun) { this.dryRun = dryRun; return this; }
        public Builder memberTimeout(Duration timeout) { this.memberTimeout = Objects.requireNonNull(timeout); return this; }

        public DefragRequest build() {
            return new DefragRequest(this);
        }
    }
}
