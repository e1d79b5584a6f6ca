package io.kubemagic.engine.clair;

import io.kubemagic.engine.InvalidInputException;
import io.kubemagic.engine.console.SecretMasker;
import io.kubemagic.engine.registry.ImageReference;
import io.kubemagic.engine.registry.Platform;
import io.kubemagic.engine.registry.RegistryCredentials;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Everything a scan takes. Immutable; build with {@link #builder()}. */
public final class ScanRequest implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final int DEFAULT_CONCURRENCY = 4;
    public static final int MAX_CONCURRENCY = 32;

    private final List<String> images;
    private final List<ImageReference> references;
    private final Platform platform;
    private final RegistryCredentials registryCredentials;
    private final Set<String> insecureRegistries;
    private final ClairEndpoint clair;
    private final ScanPolicy policy;
    private final String reportDir;
    private final int concurrency;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final Duration indexTimeout;
    private final Duration pollInterval;
    private final int retries;
    private final Duration retryPause;

    private ScanRequest(Builder b) {
        this.images = List.copyOf(b.images);
        this.references = List.copyOf(b.references);
        this.platform = b.platform;
        this.registryCredentials = b.registryCredentials;
        this.insecureRegistries = Set.copyOf(b.insecureRegistries);
        this.clair = b.clair;
        this.policy = b.policy;
        this.reportDir = b.reportDir;
        this.concurrency = b.concurrency;
        this.connectTimeout = b.connectTimeout;
        this.requestTimeout = b.requestTimeout;
        this.indexTimeout = b.indexTimeout;
        this.pollInterval = b.pollInterval;
        this.retries = b.retries;
        this.retryPause = b.retryPause;
    }

    private ScanRequest(ScanRequest other, ScanPolicy policy) {
        this.images = other.images;
        this.references = other.references;
        this.platform = other.platform;
        this.registryCredentials = other.registryCredentials;
        this.insecureRegistries = other.insecureRegistries;
        this.clair = other.clair;
        this.policy = Objects.requireNonNull(policy);
        this.reportDir = other.reportDir;
        this.concurrency = other.concurrency;
        this.connectTimeout = other.connectTimeout;
        this.requestTimeout = other.requestTimeout;
        this.indexTimeout = other.indexTimeout;
        this.pollInterval = other.pollInterval;
        this.retries = other.retries;
        this.retryPause = other.retryPause;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The same request with another policy (Jenkins reads the whitelist file on the agent, then sets it). */
    public ScanRequest withPolicy(ScanPolicy newPolicy) {
        return new ScanRequest(this, newPolicy);
    }

    /** The images as given, in order. */
    public List<String> images() { return images; }
    public List<ImageReference> references() { return references; }
    public Platform platform() { return platform; }
    public RegistryCredentials registryCredentials() { return registryCredentials; }
    public Set<String> insecureRegistries() { return insecureRegistries; }
    public ClairEndpoint clair() { return clair; }
    public ScanPolicy policy() { return policy; }
    /** Where the JSON, HTML, JUnit and SARIF reports go; null for none. */
    public String reportDir() { return reportDir; }
    public int concurrency() { return concurrency; }
    public Duration connectTimeout() { return connectTimeout; }
    /** Time limit of one HTTP request (registry or Clair). */
    public Duration requestTimeout() { return requestTimeout; }
    /** How long to wait for Clair v4 to finish indexing one image. */
    public Duration indexTimeout() { return indexTimeout; }
    public Duration pollInterval() { return pollInterval; }
    public int retries() { return retries; }
    public Duration retryPause() { return retryPause; }

    public void registerSecrets(SecretMasker masker) {
        if (registryCredentials != null) {
            registryCredentials.registerSecrets(masker);
        }
        clair.registerSecrets(masker);
    }

    /** For audit records: what was scanned against what, without any secret. */
    public Map<String, Object> describeTarget() {
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("clair", clair.base());
        target.put("api", clair.api().label());
        target.put("images", images);
        return target;
    }

    public Map<String, Object> describe() {
        Map<String, Object> parameters = new LinkedHashMap<>(policy.describe());
        parameters.put("platform", platform.toString());
        parameters.put("registryUser", registryCredentials == null ? null : registryCredentials.username());
        parameters.put("insecureRegistries", List.copyOf(insecureRegistries));
        parameters.put("clairPsk", clair.psk() != null);
        parameters.put("reportDir", reportDir);
        parameters.put("concurrency", concurrency);
        parameters.put("requestTimeoutSeconds", requestTimeout.toSeconds());
        parameters.put("indexTimeoutSeconds", indexTimeout.toSeconds());
        parameters.put("retries", retries);
        return parameters;
    }

    public static final class Builder {
        private final List<String> images = new ArrayList<>();
        private final List<ImageReference> references = new ArrayList<>();
        private Platform platform = Platform.DEFAULT;
        private RegistryCredentials registryCredentials;
        private final Set<String> insecureRegistries = new LinkedHashSet<>();
        private ClairEndpoint clair;
        private ScanPolicy policy = ScanPolicy.defaults();
        private String reportDir;
        private int concurrency = DEFAULT_CONCURRENCY;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofMinutes(2);
        private Duration indexTimeout = Duration.ofMinutes(10);
        private Duration pollInterval = Duration.ofSeconds(1);
        private int retries = 2;
        private Duration retryPause = Duration.ofSeconds(1);

        /** Parses and adds the images; the first bad reference is refused with its reason. */
        public Builder images(List<String> list) {
            images.clear();
            references.clear();
            if (list != null) {
                for (String image : list) {
                    if (image == null || image.isBlank()) {
                        continue;
                    }
                    references.add(ImageReference.parse("images", image));
                    images.add(image.trim());
                }
            }
            return this;
        }

        public Builder platform(Platform platform) { this.platform = Objects.requireNonNull(platform); return this; }
        public Builder registryCredentials(RegistryCredentials credentials) { this.registryCredentials = credentials; return this; }

        /** Registries (host[:port] as in the image references) reached over plain http. */
        public Builder insecureRegistries(Iterable<String> registries) {
            insecureRegistries.clear();
            for (String registry : registries) {
                if (registry != null && !registry.isBlank()) {
                    String value = registry.trim();
                    if (value.contains("/")) {
                        throw new InvalidInputException("insecureRegistries", "\"" + value + "\" is not host[:port]; "
                                + "write the registry as in the image reference, e.g. 127.0.0.1:5000");
                    }
                    insecureRegistries.add(value);
                }
            }
            return this;
        }

        public Builder clair(ClairEndpoint clair) { this.clair = clair; return this; }
        public Builder policy(ScanPolicy policy) { this.policy = Objects.requireNonNull(policy); return this; }
        public Builder reportDir(String dir) { this.reportDir = dir == null || dir.isBlank() ? null : dir.trim(); return this; }

        public Builder concurrency(int concurrency) {
            if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
                throw new InvalidInputException("concurrency", concurrency + " is not between 1 and " + MAX_CONCURRENCY);
            }
            this.concurrency = concurrency;
            return this;
        }

        public Builder connectTimeout(Duration timeout) { this.connectTimeout = positive("connectTimeout", timeout); return this; }
        public Builder requestTimeout(Duration timeout) { this.requestTimeout = positive("timeout", timeout); return this; }
        public Builder indexTimeout(Duration timeout) { this.indexTimeout = positive("indexTimeout", timeout); return this; }
        public Builder pollInterval(Duration interval) { this.pollInterval = positive("pollInterval", interval); return this; }
        public Builder retryPause(Duration pause) { this.retryPause = Objects.requireNonNull(pause); return this; }

        public Builder retries(int retries) {
            if (retries < 0 || retries > 10) {
                throw new InvalidInputException("retries", retries + " is not between 0 and 10");
            }
            this.retries = retries;
            return this;
        }

        private static Duration positive(String field, Duration duration) {
            if (duration == null || duration.isZero() || duration.isNegative()) {
                throw new InvalidInputException(field, duration + " must be longer than 0");
            }
            return duration;
        }

        public ScanRequest build() {
            if (references.isEmpty()) {
                throw new InvalidInputException("images", "no image given; list at least one, e.g. "
                        + "['registry.example.com/team/app:1.0']");
            }
            if (clair == null) {
                throw new InvalidInputException("clairUrl", "no Clair URL given; write e.g. http://clair.security.svc:6060");
            }
            return new ScanRequest(this);
        }
    }
}
