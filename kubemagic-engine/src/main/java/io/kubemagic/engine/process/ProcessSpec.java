package io.kubemagic.engine.process;

import io.kubemagic.engine.console.SecretValue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A command to run. Secrets go in {@link Builder#secretEnv}: the environment of the child only,
 * never its arguments, which every user on the host can read in {@code /proc/<pid>/cmdline}.
 */
public final class ProcessSpec {
    private final List<String> command;
    private final Path workingDirectory;
    private final Map<String, String> environment;
    private final Map<String, SecretValue> secretEnvironment;
    private final Duration timeout;

    private ProcessSpec(Builder builder) {
        this.command = List.copyOf(builder.command);
        this.workingDirectory = builder.workingDirectory;
        this.environment = Map.copyOf(builder.environment);
        this.secretEnvironment = Map.copyOf(builder.secretEnvironment);
        this.timeout = builder.timeout;
    }

    public static Builder builder(String... command) {
        return new Builder(List.of(command));
    }

    public static Builder builder(List<String> command) {
        return new Builder(command);
    }

    public List<String> command() {
        return command;
    }

    public Path workingDirectory() {
        return workingDirectory;
    }

    public Map<String, String> environment() {
        return environment;
    }

    public Map<String, SecretValue> secretEnvironment() {
        return secretEnvironment;
    }

    public Duration timeout() {
        return timeout;
    }

    public static final class Builder {
        private final List<String> command;
        private Path workingDirectory;
        private final Map<String, String> environment = new LinkedHashMap<>();
        private final Map<String, SecretValue> secretEnvironment = new LinkedHashMap<>();
        private Duration timeout = Duration.ofMinutes(30);

        private Builder(List<String> command) {
            if (command.isEmpty()) {
                throw new IllegalArgumentException("a process needs a command");
            }
            this.command = new ArrayList<>(command);
        }

        public Builder workingDirectory(Path directory) {
            this.workingDirectory = directory;
            return this;
        }

        public Builder env(String name, String value) {
            environment.put(name, Objects.requireNonNull(value, name));
            return this;
        }

        public Builder secretEnv(String name, SecretValue value) {
            secretEnvironment.put(name, Objects.requireNonNull(value, name));
            return this;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        public ProcessSpec build() {
            return new ProcessSpec(this);
        }
    }
}
