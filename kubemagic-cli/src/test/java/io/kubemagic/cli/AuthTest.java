package io.kubemagic.cli;

import io.kubemagic.engine.etcd.local.LocalEtcdCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * etcd with authentication on: the password reaches etcd from ETCDCTL_PASSWORD (injected as the
 * command's environment, which picocli cannot set in-process) or a file, and never any output.
 */
class AuthTest {
    private static final String PASSWORD = "Pw-9f2e7c41-never-print-me";
    private static LocalEtcdCluster cluster;
    private static String endpoints;

    @TempDir
    Path temp;

    @BeforeAll
    static void startClusterWithAuth() throws Exception {
        cluster = LocalEtcdCluster.settings().size(1).binaries("/usr/bin/etcd", "/usr/bin/etcdctl").start();
        endpoints = cluster.endpoints();
        etcdctl("user", "add", "root", "--new-user-password=" + PASSWORD);
        etcdctl("user", "grant-role", "root", "root");
        etcdctl("auth", "enable");
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static void etcdctl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("/usr/bin/etcdctl", "--endpoints", endpoints));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("ETCDCTL_API", "3");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", args) + ": " + output).isZero();
    }

    @Test
    void passwordFromTheEnvironmentWorksAndIsNeverPrinted() throws IOException {
        Path audit = temp.resolve("audit.jsonl");
        Cli.Result result = Cli.run(Cli.env("ETCDCTL_PASSWORD", PASSWORD), "etcd", "status", "--endpoints", endpoints,
                "--user", "root", "--audit-log", audit.toString(), "--debug");
        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(result.out()).contains("etcd1");
        assertThat(result.all()).doesNotContain(PASSWORD);
        String auditLog = Files.readString(audit);
        assertThat(auditLog).contains("\"user\":\"root\"", "etcd.status").doesNotContain(PASSWORD);

        Cli.Result json = Cli.run(Cli.env("ETCDCTL_PASSWORD", PASSWORD), "etcd", "members", "list", "--json",
                "--endpoints", endpoints, "--user", "root", "--audit-log", audit.toString());
        assertThat(json.exitCode()).as(json.all()).isZero();
        assertThat(json.all()).doesNotContain(PASSWORD);
        assertThat(Files.readString(audit)).doesNotContain(PASSWORD);
    }

    @Test
    void passwordFromAFile() throws IOException {
        Path file = Files.writeString(temp.resolve("password"), PASSWORD + "\n");
        Cli.Result result = Cli.run("etcd", "alarms", "list", "--endpoints", endpoints, "--user", "root",
                "--password-file", file.toString());
        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(result.out()).contains("no alarms");
    }

    @Test
    void wrongOrMissingCredentialsAreRefusedWithoutEchoingThem() throws IOException {
        String wrong = "Wrong-" + PASSWORD;
        Path audit = temp.resolve("audit.jsonl");
        Cli.Result result = Cli.run(Cli.env("ETCDCTL_PASSWORD", wrong), "etcd", "alarms", "list", "--endpoints", endpoints,
                "--user", "root", "--command-timeout", "5s", "--audit-log", audit.toString(), "--debug");
        assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(result.err()).contains("refused the user name or password");
        assertThat(result.all()).doesNotContain(wrong).doesNotContain(PASSWORD);
        assertThat(Files.readString(audit)).contains("FAILURE").doesNotContain(wrong);

        Cli.Result noPassword = Cli.run("etcd", "status", "--endpoints", endpoints, "--user", "root");
        assertThat(noPassword.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(noPassword.err()).contains("ETCDCTL_PASSWORD");

        // etcd 3.4 answers status, alarm and member lists without a user; reading keys needs one.
        Cli.Result noUser = Cli.run("etcd", "compact", "--endpoints", endpoints, "--command-timeout", "5s");
        assertThat(noUser.exitCode()).as(noUser.all()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(noUser.err()).contains("authentication");
    }
}
