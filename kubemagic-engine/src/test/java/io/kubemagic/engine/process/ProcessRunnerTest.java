package io.kubemagic.engine.process;

import io.kubemagic.engine.console.SecretMasker;
import io.kubemagic.engine.console.SecretValue;
import io.kubemagic.engine.testkit.RecordingConsole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProcessRunnerTest {
    @TempDir
    Path work;

    @Test
    void outputIsStreamedLineByLineAndTheExitCodeKept() throws Exception {
        RecordingConsole console = new RecordingConsole();
        ProcessResult result = new ProcessRunner(new SecretMasker())
                .run(ProcessSpec.builder("sh", "-c", "echo one; echo two >&2; exit 3").build(), console);

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.succeeded()).isFalse();
        assertThat(console.lines()).containsExactly("one", "two");
    }

    @Test
    void secretsTravelInTheEnvironmentAndAreMaskedInOutput() throws Exception {
        RecordingConsole console = new RecordingConsole();
        ProcessResult result = new ProcessRunner(new SecretMasker()).run(ProcessSpec.builder("sh", "-c", "echo token is $API_TOKEN")
                .secretEnv("API_TOKEN", SecretValue.of("s3cr3t-value")).build(), console);

        assertThat(result.output()).containsExactly("token is ****");
        assertThat(console.text()).doesNotContain("s3cr3t-value");
    }

    @Test
    void aSecretInTheArgumentsIsRefusedBeforeAnythingStarts() {
        SecretMasker masker = new SecretMasker().add("s3cr3t-value");
        ProcessSpec spec = ProcessSpec.builder("echo", "--password=s3cr3t-value").build();

        assertThatThrownBy(() -> new ProcessRunner(masker).run(spec, new RecordingConsole()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("environment")
                .hasMessageNotContaining("s3cr3t-value");
    }

    @Test
    void aTimeoutKillsTheWholeTree() throws Exception {
        Path pidFile = work.resolve("child.pid");
        ProcessSpec spec = ProcessSpec.builder("sh", "-c", "sleep 60 & echo $! > " + pidFile + "; wait")
                .timeout(Duration.ofSeconds(1)).build();

        ProcessResult result = new ProcessRunner(new SecretMasker()).run(spec, new RecordingConsole());

        assertThat(result.timedOut()).isTrue();
        long child = Long.parseLong(Files.readString(pidFile).trim());
        assertThat(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void anAbortInterruptsAndKillsTheWholeTree() throws Exception {
        Path pidFile = work.resolve("child.pid");
        ProcessSpec spec = ProcessSpec.builder("sh", "-c", "sleep 60 & echo $! > " + pidFile + "; wait").build();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread runner = new Thread(() -> {
            try {
                new ProcessRunner(new SecretMasker()).run(spec, new RecordingConsole());
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        runner.start();
        CompletableFuture.runAsync(() -> { }).get();
        for (int i = 0; i < 100 && !Files.exists(pidFile); i++) {
            Thread.sleep(50);
        }
        Thread.sleep(100);
        runner.interrupt();
        runner.join(15_000);

        assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
        long child = Long.parseLong(Files.readString(pidFile).trim());
        assertThat(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void secretFilesAre0600UnderRandomNamesAndGoneAfterClose() throws Exception {
        Path file;
        Path directory;
        try (SecretFiles files = new SecretFiles(work)) {
            file = files.write(SecretValue.of("-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n"));
            directory = files.directory();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");
            assertThat(file.getFileName().toString()).matches("[0-9a-f-]{36}");
        }
        assertThat(file).doesNotExist();
        assertThat(directory).doesNotExist();
    }
}
