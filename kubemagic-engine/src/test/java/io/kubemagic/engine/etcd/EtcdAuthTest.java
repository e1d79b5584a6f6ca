package io.kubemagic.engine.etcd;

import io.kubemagic.engine.KubeMagicException;
import io.kubemagic.engine.OperationContext;
import io.kubemagic.engine.console.SecretValue;
import io.kubemagic.engine.etcd.local.LocalEtcdCluster;
import io.kubemagic.engine.testkit.EtcdAuth;
import io.kubemagic.engine.testkit.RecordingConsole;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** etcd with its own user authentication switched on. */
class EtcdAuthTest {
    private static final String PASSWORD = "s3cret-Root-pw";
    @TempDir
    static Path work;
    static LocalEtcdCluster cluster;

    @BeforeAll
    static void start() {
        cluster = LocalEtcdCluster.settings().directory(work.resolve("etcd")).start();
        EtcdAuth.enableRoot(cluster, PASSWORD);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    private static EtcdTarget target(String user, String password) {
        EtcdTarget.Builder builder = EtcdTarget.builder().endpoints(cluster.clientUrls());
        if (user != null) {
            builder.auth(user, SecretValue.of(password));
        }
        return builder.build();
    }

    @Test
    void theRightLoginListsMembersAndThePasswordIsNeverPrintedOrRecorded() throws Exception {
        RecordingConsole console = new RecordingConsole();
        Path audit = work.resolve("audit.jsonl");
        OperationContext context = new OperationContext("ops", console, audit);

        assertThat(new EtcdMaintenance(context).members(target("root", PASSWORD))).hasSize(3);
        DefragReport report = new DefragRunner(context).run(DefragRequest.builder(target("root", PASSWORD)).dryRun(true).build());

        assertThat(report.completed()).as(report.failure()).isTrue();
        assertThat(console.text()).doesNotContain(PASSWORD);
        assertThat(Files.readString(audit)).doesNotContain(PASSWORD).contains("\"user\":\"root\"");
    }

    @Test
    void aWrongPasswordIsReportedAsSuch() {
        OperationContext context = new OperationContext("ops", new RecordingConsole(), null);

        assertThatThrownBy(() -> new EtcdMaintenance(context).members(target("root", "not-it")))
                .isInstanceOf(KubeMagicException.class)
                .hasMessageContaining("refused the user name or password")
                .hasMessageNotContaining("not-it");
    }

    @Test
    void noLoginOnAnAuthEnabledClusterSaysAuthenticationIsNeeded() {
        OperationContext context = new OperationContext("ops", new RecordingConsole(), null);

        assertThatThrownBy(() -> new EtcdMaintenance(context).compact(target(null, null), 0, java.time.Duration.ofSeconds(10)))
                .isInstanceOf(KubeMagicException.class)
                .hasMessageContaining("authentication");
    }
}
