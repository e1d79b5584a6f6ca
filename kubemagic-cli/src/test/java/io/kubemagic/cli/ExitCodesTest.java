package io.kubemagic.cli;

import io.kubemagic.engine.InvalidInputException;
import io.kubemagic.engine.KubeMagicException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The exit code table, its place in --help, and the parsing that needs no etcd. */
class ExitCodesTest {

    @Test
    void helpListsEveryExitCodeOfTheTable() {
        Cli.Result help = Cli.run("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Exit codes:");
        ExitCodes.TABLE.forEach((code, meaning) -> assertThat(help.out()).containsPattern("\\s" + code + "\\s+\\Q" + meaning + "\\E"));
        assertThat(ExitCodes.TABLE).containsKeys(0, 1, 2, 3, 4, 130);

        Cli.Result defragHelp = Cli.run("etcd", "defrag", "--help");
        assertThat(defragHelp.out()).contains("--quota-usage-percent", "--keep-revisions", "--member-timeout", "Exit codes:");
    }

    @Test
    void failuresMapToTheTable() {
        assertThat(ExitCodes.of(new InvalidInputException("quotaBytes", "bad"))).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(ExitCodes.of(new KubeMagicException("refusing to remove 1a: it is the only member"))).isEqualTo(ExitCodes.FAILED);
        assertThat(ExitCodes.of(new KubeMagicException("status failed", new ConnectException("Connection refused"))))
                .isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(ExitCodes.of(new KubeMagicException("x failed: etcd refused the user name or password; check it")))
                .isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(ExitCodes.of(new KubeMagicException("defragment was interrupted (aborted)", new InterruptedException())))
                .isEqualTo(ExitCodes.INTERRUPTED);
    }

    @Test
    void missingSubcommandAndUnknownOptionAreBadInput() {
        assertThat(Cli.run("etcd").exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        Cli.Result unknown = Cli.run("etcd", "status", "--endpoint", "http://127.0.0.1:1");
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(unknown.err()).contains("Unknown option").contains("--endpoints");
    }

    @Test
    void aPasswordOnTheCommandLineIsRefusedAndNotEchoed() {
        Cli.Result result = Cli.run("etcd", "status", "--endpoints", "http://127.0.0.1:1", "--password", "s3cret-on-cli");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(result.err()).contains("ETCDCTL_PASSWORD", "--password-file");
        assertThat(result.all()).doesNotContain("s3cret-on-cli");

        Cli.Result userColon = Cli.run("etcd", "status", "--endpoints", "http://127.0.0.1:1", "--user", "root:s3cret-in-user");
        assertThat(userColon.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(userColon.all()).doesNotContain("s3cret-in-user");
    }

    @Test
    void quotaWithAUnitIsRefusedWithTheFixAndNoStackTrace() {
        Cli.Result result = Cli.run("etcd", "status", "--endpoints", "http://127.0.0.1:1", "--quota-bytes", "2G");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(result.err()).contains("--quota-bytes", "\"2G\"", "Write 2147483648");
        assertThat(result.all()).doesNotContain("\tat ", "Exception");
        assertThat(result.out()).isEmpty();

        Cli.Result mebi = Cli.run("etcd", "defrag", "--endpoints", "http://127.0.0.1:1", "--quota-bytes", "20Mi");
        assertThat(mebi.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(mebi.err()).contains("Write 20971520");
    }

    @Test
    void endpointsAreRequiredAndValidated() {
        Cli.Result none = Cli.run("etcd", "status");
        assertThat(none.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(none.err()).contains("ETCDCTL_ENDPOINTS");
        Cli.Result peer = Cli.run("etcd", "status", "--endpoints", "http://127.0.0.1:2380");
        assertThat(peer.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(peer.err()).contains("peer port");
        Cli.Result both = Cli.run("etcd", "status", "--endpoints", "http://127.0.0.1:1", "--etcd-env", "/nonexistent");
        assertThat(both.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        Cli.Result missingFile = Cli.run("etcd", "status", "--etcd-env", "/nonexistent/etcd.env");
        assertThat(missingFile.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(missingFile.err()).contains("/nonexistent/etcd.env does not exist");
        Cli.Result certWithoutKey = Cli.run("etcd", "status", "--endpoints", "https://127.0.0.1:1", "--cert", "/etc/hostname");
        assertThat(certWithoutKey.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(certWithoutKey.err()).contains("--cert and --key");
    }

    @Test
    void durations() {
        assertThat(Durations.parse("t", "30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Durations.parse("t", "10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(Durations.parse("t", "1h")).isEqualTo(Duration.ofHours(1));
        assertThat(Durations.parse("t", "1m30s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse("t", "500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("t", "PT2M")).isEqualTo(Duration.ofMinutes(2));
        assertThatThrownBy(() -> Durations.parse("t", "30")).hasMessageContaining("30s");
        assertThatThrownBy(() -> Durations.parse("t", "ten minutes")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Durations.parse("t", "0s")).isInstanceOf(InvalidInputException.class);
        Cli.Result bad = Cli.run("etcd", "status", "--endpoints", "http://127.0.0.1:1", "--command-timeout", "30");
        assertThat(bad.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(bad.err()).contains("--command-timeout", "30s");
    }
}
