package io.kubemagic.engine.etcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.ClientBuilder;
import io.etcd.jetcd.cluster.Member;
import io.etcd.jetcd.maintenance.AlarmMember;
import io.etcd.jetcd.maintenance.AlarmType;
import io.etcd.jetcd.maintenance.StatusResponse;
import io.etcd.jetcd.options.CompactOption;
import io.kubemagic.engine.KubeMagicException;

import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A connection to one etcd cluster through jetcd, with the member-targeted calls maintenance
 * needs (status, defragment, hash) and every failure explained by {@link EtcdFailures}.
 */
public final class EtcdSession implements AutoCloseable {
    private final EtcdTarget target;
    private final Client client;

    private EtcdSession(EtcdTarget target, Client client) {
        this.target = target;
        this.client = client;
    }

    public static EtcdSession open(EtcdTarget target) {
        ClientBuilder builder = Client.builder()
                .endpoints(target.endpoints().toArray(URI[]::new))
                .connectTimeout(target.connectTimeout())
                .retryMaxAttempts(2)
                .retryDelay(200)
                .retryMaxDelay(1000)
                .retryMaxDuration(target.commandTimeout())
                .waitForReady(false)
                .keepaliveWithoutCalls(false);
        if (target.user() != null) {
            builder.user(bytes(target.user())).password(bytes(target.password().reveal()));
        }
        if (EtcdEndpoints.anyTls(target.endpoints())) {
            configureTls(builder, target.tls());
        }
        return new EtcdSession(target, builder.build());
    }

    private static void configureTls(ClientBuilder builder, TlsMaterial tls) {
        try {
            builder.sslContext(ssl -> {
                if (tls != null && tls.caPem() != null) {
                    ssl.trustManager(PemReader.certificates("ca", tls.caPem()).toArray(X509Certificate[]::new));
                }
                if (tls != null && tls.hasClientCertificate()) {
                    PrivateKey key = PemReader.privateKey("clientKey", tls.clientKeyPem().reveal());
                    ssl.keyManager(key, PemReader.certificates("clientCertificate", tls.clientCertificatePem())
                            .toArray(X509Certificate[]::new));
                }
            });
        } catch (javax.net.ssl.SSLException e) {
            throw new KubeMagicException("cannot set up TLS for etcd: " + e.getMessage(), e);
        }
    }

    private static ByteSequence bytes(String text) {
        return ByteSequence.from(text, StandardCharsets.UTF_8);
    }

    public EtcdTarget target() {
        return target;
    }

    /** The gRPC target that reaches exactly this member, not any member the balancer picks. */
    private static String memberTarget(URI endpoint) {
        return "ip:///" + EtcdEndpoints.authority(endpoint);
    }

    public List<MemberInfo> members() {
        List<Member> members = await("member list", clusterLabel(), client.getClusterClient().listMember(),
                target.commandTimeout()).getMembers();
        List<MemberInfo> infos = new ArrayList<>();
        for (Member member : members) {
            infos.add(new MemberInfo(MemberInfo.hexId(member.getId()), member.getName(),
                    member.getPeerURIs().stream().map(URI::toString).toList(),
                    member.getClientURIs().stream().map(URI::toString).toList(), member.isLearner()));
        }
        return infos;
    }

    public List<AlarmInfo> alarms() {
        return await("alarm list", clusterLabel(), client.getMaintenanceClient().listAlarms(), target.commandTimeout())
                .getAlarms().stream()
                .map(a -> new AlarmInfo(MemberInfo.hexId(a.getMemberId()), a.getAlarmType().name()))
                .toList();
    }

    public void disarm(AlarmInfo alarm) {
        AlarmMember member = new AlarmMember(Long.parseUnsignedLong(alarm.memberId(), 16), AlarmType.valueOf(alarm.type()));
        await("alarm disarm", clusterLabel(), client.getMaintenanceClient().alarmDisarm(member), target.commandTimeout());
    }

    /**
     * One member's status. Unreachable members give a status with {@code error} set instead of
     * an exception, so a table can still show the others.
     */
    public MemberStatus status(URI endpoint, String name, long quotaBytes, Map<String, List<String>> alarmsByMember,
                               Map<String, String> namesById) {
        StatusResponse response;
        try {
            response = await("status", endpoint.toString(),
                    client.getMaintenanceClient().statusMember(memberTarget(endpoint)), target.commandTimeout());
        } catch (KubeMagicException e) {
            return MemberStatus.unreachable(endpoint.toString(), name, quotaBytes, e.getMessage());
        }
        String id = MemberInfo.hexId(response.getHeader().getMemberId());
        List<String> alarms = new ArrayList<>(alarmsByMember.getOrDefault(id, List.of()));
        for (String error : StatusExtras.errors(response)) {
            if (error.contains("NOSPACE") && !alarms.contains("NOSPACE")) {
                alarms.add("NOSPACE");
            }
        }
        String knownName = namesById.getOrDefault(id, name);
        return new MemberStatus(endpoint.toString(), knownName, id, response.getLeader() == response.getHeader().getMemberId(),
                response.getVersion(), response.getDbSize(), StatusExtras.dbSizeInUse(response), quotaBytes,
                response.getRaftIndex(), response.getRaftTerm(), response.getHeader().getRevision(), List.copyOf(alarms), null);
    }

    public void defragment(URI endpoint, Duration timeout) {
        await("defragment", endpoint.toString(),
                client.getMaintenanceClient().defragmentMember(memberTarget(endpoint)), timeout);
    }

    public int hashKv(URI endpoint, long revision) {
        return await("hashkv", endpoint.toString(),
                client.getMaintenanceClient().hashKV(memberTarget(endpoint), revision), target.commandTimeout()).getHash();
    }

    /** The cluster's current revision, read through a write-free range request. */
    public long currentRevision() {
        return await("get revision", clusterLabel(), client.getKVClient().get(bytes("/kubemagic/revision-probe")),
                target.commandTimeout()).getHeader().getRevision();
    }

    public void compact(long revision, Duration timeout) {
        await("compact", clusterLabel(), client.getKVClient().compact(revision,
                CompactOption.builder().withCompactPhysical(true).build()), timeout);
    }

    public long put(String key, String value) {
        return await("put", clusterLabel(), client.getKVClient().put(bytes(key), bytes(value)), target.commandTimeout())
                .getHeader().getRevision();
    }

    public void delete(String key) {
        await("delete", clusterLabel(), client.getKVClient().delete(bytes(key)), target.commandTimeout());
    }

    public long snapshot(OutputStream out, Duration timeout) {
        return await("snapshot", clusterLabel(), client.getMaintenanceClient().snapshot(out), timeout);
    }

    public void removeMember(String hexId) {
        await("member remove", clusterLabel(), client.getClusterClient().removeMember(Long.parseUnsignedLong(hexId, 16)),
                target.commandTimeout());
    }

    private String clusterLabel() {
        return target.endpoints().size() == 1 ? target.endpoints().get(0).toString() : "the cluster " + target.endpoints();
    }

    private <T> T await(String what, String where, CompletableFuture<T> future, Duration timeout) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw EtcdFailures.explain(what, where, e.getCause() == null ? e : e.getCause(), target);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw EtcdFailures.explain(what, where, e, target);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new KubeMagicException(what + " on " + where + " was interrupted (aborted)", e);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
