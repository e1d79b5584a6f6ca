package io.kubemagic.engine.process;

import io.kubemagic.engine.KubeMagicException;
import io.kubemagic.engine.console.Console;
import io.kubemagic.engine.console.SecretMasker;
import io.kubemagic.engine.console.SecretValue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command to completion: output streamed line by line (masked) to the console, a
 * timeout, and the whole process tree killed on timeout or when the calling thread is
 * interrupted (a Jenkins abort interrupts the step's thread).
 */
public final class ProcessRunner {
    private final SecretMasker masker;

    public ProcessRunner(SecretMasker masker) {
        this.masker = masker;
    }

    public ProcessResult run(ProcessSpec spec, Console console) throws InterruptedException {
        refuseSecretsInArguments(spec);
        ProcessBuilder builder = new ProcessBuilder(spec.command()).redirectErrorStream(true);
        if (spec.workingDirectory() != null) {
            builder.directory(spec.workingDirectory().toFile());
        }
        builder.environment().putAll(spec.environment());
        spec.secretEnvironment().forEach((name, value) -> {
            masker.add(value);
            builder.environment().put(name, value.reveal());
        });
        Instant start = Instant.now();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new KubeMagicException("cannot start " + spec.command().get(0) + ": " + e.getMessage()
                    + " (is it installed and on the PATH?)", e);
        }
        List<String> output = Collections.synchronizedList(new ArrayList<>());
        Thread pump = new Thread(() -> pump(process, console, output), "output of " + spec.command().get(0));
        pump.setDaemon(true);
        pump.start();
        try {
            closeQuietly(process);
            boolean finished = process.waitFor(spec.timeout().toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                console.warn(spec.command().get(0) + " did not finish within " + spec.timeout() + "; killing it and its children");
                ProcessTree.kill(process);
                pump.join(TimeUnit.SECONDS.toMillis(5));
                return new ProcessResult(-1, true, Duration.between(start, Instant.now()), List.copyOf(output));
            }
            pump.join(TimeUnit.SECONDS.toMillis(30));
            return new ProcessResult(process.exitValue(), false, Duration.between(start, Instant.now()), List.copyOf(output));
        } catch (InterruptedException aborted) {
            console.warn("aborted: killing " + spec.command().get(0) + " and its children");
            ProcessTree.kill(process);
            throw aborted;
        }
    }

    private static void closeQuietly(Process process) {
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // The child closed its standard input itself; nothing to do.
        }
    }

    private void pump(Process process, Console console, List<String> output) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                String masked = masker.mask(line);
                output.add(masked);
                console.line(masked);
            }
        } catch (IOException closed) {
            // The process was killed; what was read is kept.
        }
    }

    private void refuseSecretsInArguments(ProcessSpec spec) {
        for (SecretValue secret : spec.secretEnvironment().values()) {
            for (String argument : spec.command()) {
                if (argument.contains(secret.reveal())) {
                    throw new IllegalArgumentException("a secret would be visible in the arguments of "
                            + spec.command().get(0) + "; pass it in the environment or a SecretFiles file");
                }
            }
        }
        for (String argument : spec.command()) {
            if (!masker.mask(argument).equals(argument)) {
                throw new IllegalArgumentException("a secret would be visible in the arguments of "
                        + spec.command().get(0) + "; pass it in the environment or a SecretFiles file");
            }
        }
    }
}
