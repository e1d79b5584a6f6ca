package io.kubemagic.engine.etcd;

import io.kubemagic.engine.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EndpointsAndEnvFileTest {
    /** As Kubespray writes it (trimmed), with the quota mistake of the notes corrected. */
    private static final String ETCD_ENV = """
            # Environment file for etcd v3.4.13
            ETCD_DATA_DIR=/var/lib/etcd
            ETCD_ADVERTISE_CLIENT_URLS=https://10.0.0.1:2379
            ETCD_INITIAL_ADVERTISE_PEER_URLS=https://10.0.0.1:2380
            ETCD_INITIAL_CLUSTER_STATE=existing
            ETCD_NAME=etcd1
            ETCD_QUOTA_BACKEND_BYTES=21474836480
            ETCD_INITIAL_CLUSTER=etcd1=https://10.0.0.1:2380,etcd2=https://10.0.0.2:2380,etcd3=https://10.0.0.3:2380
            ETCD_PEER_CERT_FILE=/etc/ssl/etcd/ssl/member-node1.pem
            """;

    @Test
    void endpointsAreDerivedFromTheInitialClusterLikeTheNotesDoWithSed() {
        EtcdEnvFile env = EtcdEnvFile.parse(ETCD_ENV);

        assertThat(env.memberEndpoints()).containsExactly(
                java.util.Map.entry("etcd1", URI.create("https://10.0.0.1:2379")),
                java.util.Map.entry("etcd2", URI.create("https://10.0.0.2:2379")),
                java.util.Map.entry("etcd3", URI.create("https://10.0.0.3:2379")));
        assertThat(env.quotaBytes()).contains(21474836480L);
    }

    @Test
    void theTwoGQuotaThatStopsEtcdIsReportedWithTheFix() {
        EtcdEnvFile env = EtcdEnvFile.parse("ETCD_QUOTA_BACKEND_BYTES=\"2G\"\nETCD_INITIAL_CLUSTER=a=http://127.0.0.1:2380");

        assertThatThrownBy(env::quotaBytes).hasMessageContaining("ETCD_QUOTA_BACKEND_BYTES").hasMessageContaining("2147483648");
    }

    @Test
    void envFileProblemsAreNamed() {
        assertThatThrownBy(() -> EtcdEnvFile.parse("ETCD_NAME=x").memberEndpoints()).hasMessageContaining("ETCD_INITIAL_CLUSTER is not set");
        assertThatThrownBy(() -> EtcdEnvFile.parse("ETCD_INITIAL_CLUSTER=a=http://10.0.0.1:12380").memberEndpoints())
                .hasMessageContaining("does not use port 2380");
    }

    @Test
    void endpointsAreValidatedBeforeAnyConnection() {
        assertThat(EtcdEndpoints.parse("endpoints", "https://10.0.0.1:2379,https://10.0.0.2:2379 https://10.0.0.2:2379"))
                .hasSize(2);
        assertThatThrownBy(() -> EtcdEndpoints.parse("endpoints", "10.0.0.1:2379"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("has no scheme; write http://10.0.0.1:2379");
        assertThatThrownBy(() -> EtcdEndpoints.parse("endpoints", "https://10.0.0.1:2380")).hasMessageContaining("peer port");
        assertThatThrownBy(() -> EtcdEndpoints.parse("endpoints", "tcp://10.0.0.1:2379")).hasMessageContaining("scheme tcp");
        assertThatThrownBy(() -> EtcdEndpoints.parse("endpoints", "https://10.0.0.1")).hasMessageContaining("needs a host and a port");
        assertThatThrownBy(() -> EtcdEndpoints.parse("endpoints", " ")).hasMessageContaining("no endpoints given");
        assertThatThrownBy(() -> EtcdTarget.builder().endpoints("http://10.0.0.1:2379,https://10.0.0.2:2379").build())
                .hasMessageContaining("mixes http:// and https://");
    }
}
