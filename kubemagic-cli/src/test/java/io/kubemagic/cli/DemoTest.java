package io.kubemagic.cli;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** kubemagic demo etcd-quota, end to end on a real local cluster. */
class DemoTest {

    @Test
    void fillsTheQuotaThenRecoversWithTheDefragCommand() {
        Cli.Result result = Cli.run("demo", "etcd-quota");
        String out = result.out();
        assertThat(result.exitCode()).as(out + result.err()).isZero();
        assertThat(out).contains("mvcc: database space exceeded", "NOSPACE");
        assertThat(out).containsPattern("127\\.0\\.0\\.1:\\d+\\s+etcd\\d.*NOSPACE");
        assertThat(out).contains("$ kubemagic etcd defrag --endpoints http://127.0.0.1:");
        // etcd raises NOSPACE on each member that hits the quota: one or more alarms, all disarmed.
        assertThat(out).containsPattern("disarmed [1-3] NOSPACE alarm\\(s\\)");
        assertThat(out).contains("defragmenting 3/3", "write check passed",
                "QUOTA USED BEFORE", "write after the recovery: ok", "local cluster stopped and deleted");
        // The before/after table: a member over 100% before, every member far below after, no alarm left.
        assertThat(out).containsPattern("etcd\\d \\(http://127.0.0.1:\\d+\\)\\s+\\S+ MiB\\s+\\S+ MiB\\s+1\\d\\d%\\s+\\d%\\s+-");
        assertThat(out).doesNotContainPattern("etcd\\d \\(http://127.0.0.1:\\d+\\)\\s+\\S+ MiB\\s+\\S+ MiB\\s+\\d+%\\s+\\d+%\\s+NOSPACE");
        assertThat(result.took()).isLessThan(Duration.ofSeconds(40));
    }
}
