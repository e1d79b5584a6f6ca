package io.kubemagic.engine.kubespray;

import io.kubemagic.engine.InvalidInputException;
import io.kubemagic.engine.ansible.AnsibleOptions;
import io.kubemagic.engine.console.SecretMasker;
import io.kubemagic.engine.etcd.EtcdTarget;
import io.kubemagic.engine.kube.KubeTarget;

import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything {@code kubesprayUpgrade} takes. The Kubernetes version in use comes from the API
 * (kubeconfig) unless {@code currentKubeVersion} is given; the target is a tag, a Kubernetes
 * version, both, or neither (the newest tag). Each hop's playbook runs with {@link #ansible()}: the
 * SSH access (user, key, passphrase, host keys), become and vault password of the playbook steps.
 * Paths are on the machine that runs it. Immutable.
 */
public final class UpgradeRequest implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String kubesprayDir;
    private final String inventory;
    private final String stateDir;
    private final KubeTarget kube;
    private final EtcdTarget etcd;
    private final String kubesprayRef;
    private final Version currentKubeVersion;
    private final String targetTag;
    private final Version targetKubeVersion;
    private final boolean preflight;
    private final boolean ignorePreflight;
    private final int drainGracePeriodSeconds;
    private final int drainTimeoutSeconds;
    private final Duration hopTimeout;
    private final int maxHops;
    private final AnsibleOptions ansible;

    private UpgradeRequest(Builder b) {
        this.kubesprayDir = b.kubesprayDir;
        this.inventory = b.inventory;
        this.stateDir = b.stateDir;
        this.kube = b.kube;
        this.etcd = b.etcd;
        this.kubesprayRef = b.kubesprayRef;
        this.currentKubeVersion = b.currentKubeVersion;
        this.targetTag = b.targetTag;
        this.targetKubeVersion = b.targetKubeVersion;
        this.preflight = b.preflight;
        this.ignorePreflight = b.ignorePreflight;
        this.drainGracePeriodSeconds = b.drainGracePeriodSeconds;
        this.drainTimeoutSeconds = b.drainTimeoutSeconds;
        this.hopTimeout = b.hopTimeout;
        this.maxHops = b.maxHops;
        this.ansible = b.ansible;
    }

    public static Builder builder(String kubesprayDir, String stateDir) {
        return new Builder(kubesprayDir, stateDir);
    }

    public Path kubesprayDir() { return Path.of(kubesprayDir); }
    public Path inventory() { return inventory == null ? null : Path.of(inventory); }
    public Path stateDir() { return Path.of(stateDir); }
    public KubeTarget kube() { return kube; }
    public EtcdTarget etcd() { return etcd; }
    public String kubesprayRef() { return kubesprayRef; }
    public Version currentKubeVersion() { return currentKubeVersion; }
    public String targetTag() { return targetTag; }
    public Version targetKubeVersion() { return targetKubeVersion; }
    public boolean preflight() { return preflight; }
    public boolean ignorePreflight() { return ignorePreflight; }
    public int drainGracePeriodSeconds() { return drainGracePeriodSeconds; }
    public int drainTimeoutSeconds() { return drainTimeoutSeconds; }
    public Duration hopTimeout() { return hopTimeout; }
    /** How many hops this run may do (0: all): a pipeline asks for approval before each one. */
    public int maxHops() { return maxHops; }
    /** What every hop's ansible-playbook runs with (SSH access, become, vault password, the command); not its variables. */
    public AnsibleOptions ansible() { return ansible; }

    /** The kubeconfig's and the playbook's secrets (SSH key, passphrase, vault password): register before printing. */
    public void registerSecrets(SecretMasker masker) {
        if (kube != null) {
            kube.registerSecrets(masker);
        }
        ansible.registerSecrets(masker);
    }

    public Map<String, Object> describe() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("inventory", inventory);
        map.put("stateDir", stateDir);
        map.put("kubesprayRef", kubesprayRef);
        map.put("currentKubeVersion", currentKubeVersion == null ? null : currentKubeVersion.toString());
        map.put("targetTag", targetTag);
        map.put("targetKubeVersion", targetKubeVersion == null ? null : targetKubeVersion.toString());
        map.put("preflight", preflight);
        map.put("ignorePreflight", ignorePreflight);
        map.put("drainGracePeriodSeconds", drainGracePeriodSeconds);
        map.put("drainTimeoutSeconds", drainTimeoutSeconds);
        map.put("hopTimeoutMinutes", hopTimeout.toMinutes());
        map.put("maxHops", maxHops);
        map.put("ansiblePlaybook", ansible.ansiblePlaybook());
        map.put("become", ansible.become());
        map.put("becomeUser", ansible.becomeUser());
        map.put("vaultPassword", ansible.vaultPassword() != null);
        map.put("ssh", ansible.ssh().describe());
        return map;
    }

    public Map<String, Object> describeTarget() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("kubesprayDir", kubesprayDir);
        if (kube != null) {
            map.putAll(kube.describe());
        }
        return map;
    }

    /** The variables the runner gives each hop's playbook. */
    public static final List<String> HOP_VARIABLES = List.of("kube_version", "drain_grace_period", "drain_timeout");

    public static final class Builder {
        private final String kubesprayDir;
        private final String stateDir;
        private String inventory;
        private KubeTarget kube;
        private EtcdTarget etcd;
        private String kubesprayRef;
        private Version currentKubeVersion;
        private String targetTag;
        private Version targetKubeVersion;
        private boolean preflight = true;
        private boolean ignorePreflight;
        private int drainGracePeriodSeconds = 300;
        private int drainTimeoutSeconds = 360;
        private Duration hopTimeout = Duration.ofHours(6);
        private int maxHops;
        private AnsibleOptions ansible = AnsibleOptions.builder().build();

        private Builder(String kubesprayDir, String stateDir) {
            if (kubesprayDir == null || kubesprayDir.isBlank()) {
                throw new InvalidInputException("kubesprayDir", "no Kubespray checkout given; give the folder of your clone");
            }
            if (stateDir == null || stateDir.isBlank()) {
                throw new InvalidInputException("stateDir", "no state folder given; the progress file, worktrees and logs go there");
            }
            this.kubesprayDir = kubesprayDir;
            this.stateDir = stateDir;
        }

        public Builder inventory(String path) { this.inventory = blank(path); return this; }
        public Builder kube(KubeTarget target) { this.kube = target; return this; }
        public Builder etcd(EtcdTarget target) { this.etcd = target; return this; }
        public Builder kubesprayRef(String ref) { this.kubesprayRef = blank(ref); return this; }

        public Builder currentKubeVersion(String version) {
            this.currentKubeVersion = blank(version) == null ? null : Version.parse("currentKubeVersion", version);
            return this;
        }

        public Builder targetTag(String tag) { this.targetTag = blank(tag); return this; }

        public Builder targetKubeVersion(String version) {
            this.targetKubeVersion = blank(version) == null ? null : Version.parse("targetKubeVersion", version);
            return this;
        }

        public Builder preflight(boolean run) { this.preflight = run; return this; }
        public Builder ignorePreflight(boolean ignore) { this.ignorePreflight = ignore; return this; }

        public Builder drainGracePeriodSeconds(int seconds) {
            this.drainGracePeriodSeconds = positive("drainGracePeriodSeconds", seconds);
            return this;
        }

        public Builder drainTimeoutSeconds(int seconds) {
            this.drainTimeoutSeconds = positive("drainTimeoutSeconds", seconds);
            return this;
        }

        public Builder hopTimeout(Duration timeout) {
            if (timeout == null || timeout.isZero() || timeout.isNegative()) {
                throw new InvalidInputException("hopTimeout", timeout + " must be longer than 0");
            }
            this.hopTimeout = timeout;
            return this;
        }

        public Builder maxHops(int hops) {
            if (hops < 0) {
                throw new InvalidInputException("maxHops", hops + " must be 0 (all hops) or more");
            }
            this.maxHops = hops;
            return this;
        }

        /**
         * The SSH access, become, vault password and ansible-playbook command of every hop. Its extra variables
         * must not set what the runner sets per hop (kube_version, drain_grace_period, drain_timeout).
         */
        public Builder ansible(AnsibleOptions options) {
            if (options == null) {
                throw new InvalidInputException("ansible", "no ansible options given");
            }
            for (String name : HOP_VARIABLES) {
                if (options.extraVars().containsKey(name) || options.secretExtraVars().containsKey(name)) {
                    throw new InvalidInputException("extraVars", name + " is set by each hop of the upgrade; remove it from the extra vars");
                }
            }
            this.ansible = options;
            return this;
        }

        private static int positive(String field, int value) {
            if (value <= 0) {
                throw new InvalidInputException(field, value + " must be more than 0");
            }
            return value;
        }

        private static String blank(String value) {
            return value == null || value.isBlank() ? null : value.trim();
        }

        public UpgradeRequest build() {
            return new UpgradeRequest(this);
        }
    }
}
