package io.kubemagic.engine.etcd;

import io.kubemagic.engine.InvalidInputException;
import io.kubemagic.engine.KubeMagicException;
import io.kubemagic.engine.OperationContext;
import io.kubemagic.engine.audit.AuditRecord;
import io.kubemagic.engine.audit.AuditTrail;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The smaller etcd operations: status, alarms, compaction, member list and removal. Each one
 * writes an audit record, success or not. {@code defrag} is {@link DefragRunner}.
 */
public final class EtcdMaintenance {
    private final OperationContext context;

    public EtcdMaintenance(OperationContext context) {
        this.context = context;
    }

    public ClusterStatus status(EtcdTarget target, long quotaBytes) {
        return audited("etcd.status", target, Map.of("quotaBytes", quotaBytes), session -> {
            QuotaBytes.warningFor("quotaBytes", quotaBytes).ifPresent(context.console()::warn);
            ClusterStatus status = ClusterStatusReader.read(session, quotaBytes);
            EtcdTables.status(status.members()).forEach(context.console()::line);
            return status;
        });
    }

    public List<AlarmInfo> alarms(EtcdTarget target) {
        return audited("etcd.alarms.list", target, Map.of(), EtcdSession::alarms);
    }

    /** Disarms every alarm, as {@code etcdctl alarm disarm} does; the caller decides whether that is safe. */
    public List<AlarmInfo> disarmAlarms(EtcdTarget target) {
        return audited("etcd.alarms.disarm", target, Map.of(), session -> {
            List<AlarmInfo> alarms = session.alarms();
            alarms.forEach(session::disarm);
            context.console().progress(alarms.isEmpty() ? "no alarm to disarm" : "disarmed " + alarms);
            return alarms;
        });
    }

    /** Compacts to the current revision minus {@code keepRevisions}; returns the revision compacted to. */
    public long compact(EtcdTarget target, long keepRevisions, Duration timeout) {
        return audited("etcd.compact", target, Map.of("keepRevisions", keepRevisions), session -> {
            long revision = session.currentRevision() - keepRevisions;
            if (revision <= 1) {
                throw new InvalidInputException("keepRevisions", "keeping " + keepRevisions
                        + " revisions leaves nothing to compact at revision " + (revision + keepRevisions));
            }
            session.compact(revision, timeout);
            context.console().progress("compacted to revision " + revision);
            return revision;
        });
    }

    public List<MemberInfo> members(EtcdTarget target) {
        return audited("etcd.members.list", target, Map.of(), EtcdSession::members);
    }

    /**
     * Removes a stale member (by hex id or name), the fix before a control plane node re-joins.
     * A member that still answers is refused unless {@code force}: removing a live member drops
     * it from the cluster while it still runs.
     */
    public MemberInfo removeMember(EtcdTarget target, String idOrName, boolean force) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("member", idOrName);
        parameters.put("force", force);
        return audited("etcd.members.remove", target, parameters, session -> {
            List<MemberInfo> members = session.members();
            MemberInfo member = members.stream()
                    .filter(m -> m.id().equalsIgnoreCase(idOrName.trim()) || idOrName.trim().equals(m.name()))
                    .findFirst()
                    .orElseThrow(() -> new InvalidInputException("member", "\"" + idOrName + "\" is neither the id nor the name of a member; "
                            + "members are " + members.stream().map(m -> m.id() + " (" + m.name() + ")").toList()));
            if (members.size() == 1) {
                throw new KubeMagicException("refusing to remove " + describe(member) + ": it is the only member of the cluster");
            }
            if (!force && answers(session, member)) {
                throw new KubeMagicException("refusing to remove " + describe(member) + ": it is running and answers at "
                        + member.clientUrls() + ". Stop it first, or pass force if you really mean to remove a live member.");
            }
            session.removeMember(member.id());
            context.console().progress("removed member " + describe(member));
            return member;
        });
    }

    private boolean answers(EtcdSession session, MemberInfo member) {
        for (String url : member.clientUrls()) {
            if (session.status(URI.create(url), member.name(), 1, Map.of(), Map.of()).reachable()) {
                return true;
            }
        }
        return false;
    }

    private static String describe(MemberInfo member) {
        return member.id() + (member.name() == null || member.name().isBlank() ? "" : " (" + member.name() + ")");
    }

    private <T> T audited(String operation, EtcdTarget target, Map<String, Object> parameters, Function<EtcdSession, T> action) {
        target.registerSecrets(context.masker());
        AuditTrail.Entry entry = context.audit().begin(context.who(), operation, target.describe(), parameters);
        try (EtcdSession session = EtcdSession.open(target)) {
            T result = action.apply(session);
            entry.finish(AuditRecord.Outcome.SUCCESS, null);
            return result;
        } catch (RuntimeException e) {
            entry.finish(Thread.currentThread().isInterrupted() ? AuditRecord.Outcome.ABORTED : AuditRecord.Outcome.FAILURE, e.getMessage());
            throw e;
        }
    }
}
