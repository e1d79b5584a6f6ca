package io.kubemagic.engine.etcd;

import io.kubemagic.engine.KubeMagicException;
import io.kubemagic.engine.OperationContext;
import io.kubemagic.engine.testkit.RecordingConsole;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An endpoint where nothing listens: a clear error, quickly, and nothing else attempted. */
class UnreachableClusterTest {

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void statusShowsTheMemberAsUnreachableWithTheReason() throws Exception {
        EtcdTarget target = EtcdTarget.builder().endpoints("http://127.0.0.1:" + closedPort())
                .commandTimeout(Duration.ofSeconds(5)).build();
        Instant start = Instant.now();

        ClusterStatus status = new EtcdMaintenance(new OperationContext("t", new RecordingConsole(), null))
                .status(target, QuotaBytes.ETCD_DEFAULT);

        assertThat(status.members()).singleElement().satisfies(m -> {
            assertThat(m.reachable()).isFalse();
            assertThat(m.error()).contains("connection refused");
        });
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void memberListFailsWithConnectionRefusedNotATimeout() throws Exception {
        EtcdTarget target = EtcdTarget.builder().endpoints("http://127.0.0.1:" + closedPort())
                .commandTimeout(Duration.ofSeconds(5)).build();

        assertThatThrownBy(() -> new EtcdMaintenance(new OperationContext("t", new RecordingConsole(), null)).members(target))
                .isInstanceOf(KubeMagicException.class)
                .hasMessageContaining("connection refused");
    }
}
