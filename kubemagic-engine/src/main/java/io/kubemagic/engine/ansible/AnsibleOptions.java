package io.kubemagic.engine.ansible;

import io.kubemagic.engine.InvalidInputException;
import io.kubemagic.engine.console.SecretMasker;
import io.kubemagic.engine.console.SecretValue;

import java.io.Serializable;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What every playbook run takes besides its playbook and inventory: limit, tags, extra variables
 * (plain ones are audited; secret ones are masked everywhere and only reach ansible through a 0600
 * file), become, forks, check/diff, vault password, SSH access, time limit, colour. Immutable.
 */
public final class AnsibleOptions implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Values in extra vars may be nested maps and lists, as in YAML. */
    private final LinkedHashMap<String, Object> extraVars;
    private final LinkedHashMap<String, Object> secretExtraVars;
    private final String limit;
    private final String tags;
    private final String skipTags;
    private final boolean become;
    private final String becomeUser;
    private final int forks;
    private final boolean check;
    private final boolean diff;
    private final int verbosity;
    private final SshAccess ssh;
    private final SecretValue vaultPassword;
    private final Duration timeout;
    private final boolean color;
    private final String ansiblePlaybook;
    private final boolean failOnLintErrors;

    private AnsibleOptions(Builder b) {
        this.extraVars = new LinkedHashMap<>(b.extraVars);
        this.secretExtraVars = new LinkedHashMap<>(b.secretExtraVars);
        this.limit = b.limit;
        this.tags = b.tags;
        this.skipTags = b.skipTags;
        this.become = b.become;
        this.becomeUser = b.becomeUser;
        this.forks = b.forks;
        this.check = b.check;
        this.diff = b.diff;
        this.verbosity = b.verbosity;
        this.ssh = b.ssh;
        this.vaultPassword = b.vaultPassword;
        this.timeout = b.timeout;
        this.color = b.color;
        this.ansiblePlaybook = b.ansiblePlaybook;
        this.failOnLintErrors = b.failOnLintErrors;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.extraVars.putAll(extraVars);
        b.secretExtraVars.putAll(secretExtraVars);
        b.limit = limit;
        b.tags = tags;
        b.skipTags = skipTags;
        b.become = become;
        b.becomeUser = becomeUser;
        b.forks = forks;
        b.check = check;
        b.diff = diff;
        b.verbosity = verbosity;
        b.ssh = ssh;
        b.vaultPassword = vaultPassword;
        b.timeout = timeout;
        b.color = color;
        b.ansiblePlaybook = ansiblePlaybook;
        b.failOnLintErrors = failOnLintErrors;
        return b;
    }

    public Map<String, Object> extraVars() { return java.util.Collections.unmodifiableMap(extraVars); }
    public Map<String, Object> secretExtraVars() { return java.util.Collections.unmodifiableMap(secretExtraVars); }
    public String limit() { return limit; }
    public String tags() { return tags; }
    public String skipTags() { return skipTags; }
    public boolean become() { return become; }
    public String becomeUser() { return becomeUser; }
    public int forks() { return forks; }
    public boolean check() { return check; }
    public boolean diff() { return diff; }
    public int verbosity() { return verbosity; }
    public SshAccess ssh() { return ssh; }
    public SecretValue vaultPassword() { return vaultPassword; }
    public Duration timeout() { return timeout; }
    public boolean color() { return color; }
    public String ansiblePlaybook() { return ansiblePlaybook; }
    public boolean failOnLintErrors() { return failOnLintErrors; }

    /** Every secret these options carry, registered before anything is printed. */
    public void registerSecrets(SecretMasker masker) {
        ssh.registerSecrets(masker);
        masker.add(vaultPassword);
        registerValues(secretExtraVars, masker);
    }

    private static void registerValues(Object value, SecretMasker masker) {
        if (value instanceof Map<?, ?> map) {
            map.values().forEach(v -> registerValues(v, masker));
        } else if (value instanceof List<?> list) {
            list.forEach(v -> registerValues(v, masker));
        } else if (value != null && !(value instanceof Boolean)) {
            masker.add(String.valueOf(value));
        }
    }

    /** For the audit record: plain values as given, secret ones by name only. */
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("limit", limit);
        d.put("tags", tags);
        d.put("skipTags", skipTags);
        d.put("extraVars", new LinkedHashMap<>(extraVars));
        d.put("secretExtraVars", List.copyOf(secretExtraVars.keySet()));
        d.put("become", become);
        d.put("becomeUser", becomeUser);
        d.put("forks", forks);
        d.put("check", check);
        d.put("diff", diff);
        d.put("vaultPassword", vaultPassword != null);
        d.put("ssh", ssh.describe());
        d.put("timeoutSeconds", timeout.toSeconds());
        return d;
    }

    public static final class Builder {
        private final LinkedHashMap<String, Object> extraVars = new LinkedHashMap<>();
        private final LinkedHashMap<String, Object> secretExtraVars = new LinkedHashMap<>();
        private String limit;
        private String tags;
        private String skipTags;
        private boolean become;
        private String becomeUser;
        private int forks;
        private boolean check;
        private boolean diff;
        private int verbosity;
        private SshAccess ssh = SshAccess.agentDefaults();
        private SecretValue vaultPassword;
        private Duration timeout = Duration.ofHours(2);
        private boolean color;
        private String ansiblePlaybook = "ansible-playbook";
        private boolean failOnLintErrors = true;

        private Builder() {
        }

        public Builder limit(String limit) {
            this.limit = blankToNull(limit);
            return this;
        }

        public Builder tags(String tags) {
            this.tags = blankToNull(tags);
            return this;
        }

        public Builder skipTags(String skipTags) {
            this.skipTags = blankToNull(skipTags);
            return this;
        }

        public Builder extraVar(String name, Object value) {
            checkName("extraVars", name);
            extraVars.put(name, value);
            return this;
        }

        public Builder extraVars(Map<String, ?> vars) {
            if (vars != null) {
                vars.forEach(this::extraVar);
            }
            return this;
        }

        public Builder secretExtraVars(Map<String, ?> vars) {
            if (vars != null) {
                vars.forEach((name, value) -> {
                    checkName("secretExtraVars", name);
                    secretExtraVars.put(name, value);
                });
            }
            return this;
        }

        public Builder become(boolean become) {
            this.become = become;
            return this;
        }

        public Builder becomeUser(String user) {
            this.becomeUser = blankToNull(user);
            return this;
        }

        public Builder forks(int forks) {
            if (forks < 0 || forks > 500) {
                throw new InvalidInputException("forks", forks + " is out of range; use 1 to 500, or 0 for ansible's default (5)");
            }
            this.forks = forks;
            return this;
        }

        public Builder check(boolean check) {
            this.check = check;
            return this;
        }

        public Builder diff(boolean diff) {
            this.diff = diff;
            return this;
        }

        public Builder verbosity(int verbosity) {
            if (verbosity < 0 || verbosity > 4) {
                throw new InvalidInputException("verbosity", verbosity + " is out of range; use 0 to 4 (-v to -vvvv)");
            }
            this.verbosity = verbosity;
            return this;
        }

        public Builder ssh(SshAccess ssh) {
            this.ssh = Objects.requireNonNull(ssh, "ssh");
            return this;
        }

        public Builder vaultPassword(SecretValue password) {
            this.vaultPassword = password == null || password.isEmpty() ? null : password;
            return this;
        }

        public Builder timeout(Duration timeout) {
            if (timeout == null || timeout.isZero() || timeout.isNegative()) {
                throw new InvalidInputException("timeout", "the time limit must be longer than 0");
            }
            this.timeout = timeout;
            return this;
        }

        public Builder color(boolean color) {
            this.color = color;
            return this;
        }

        public Builder ansiblePlaybook(String binary) {
            this.ansiblePlaybook = blankToNull(binary) == null ? "ansible-playbook" : binary.trim();
            return this;
        }

        public Builder failOnLintErrors(boolean fail) {
            this.failOnLintErrors = fail;
            return this;
        }

        public AnsibleOptions build() {
            for (String name : secretExtraVars.keySet()) {
                if (extraVars.containsKey(name)) {
                    throw new InvalidInputException("secretExtraVars", name + " is both a plain and a secret extra var; keep one");
                }
            }
            return new AnsibleOptions(this);
        }

        private static void checkName(String field, String name) {
            if (name == null || !name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new InvalidInputException(field, "\"" + name + "\" is not an Ansible variable name (letters, digits, _)");
            }
        }

        private static String blankToNull(String value) {
            return value == null || value.isBlank() ? null : value.trim();
        }
    }
}
