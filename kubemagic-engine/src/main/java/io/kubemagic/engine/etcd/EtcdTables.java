package io.kubemagic.engine.etcd;

import io.kubemagic.engine.report.TextTable;

import java.util.List;
import java.util.Locale;

/** The tables operators read: status (like etcdctl endpoint status) and before/after sizes. */
public final class EtcdTables {
    private EtcdTables() {
    }

    public static List<String> status(List<MemberStatus> members) {
        TextTable table = new TextTable("ENDPOINT", "NAME", "ID", "LEADER", "VERSION", "DB SIZE", "IN USE", "QUOTA USED",
                "RAFT INDEX", "ALARMS");
        for (MemberStatus m : members) {
            if (!m.reachable()) {
                table.row(m.endpoint(), m.name(), "", "", "", "", "", "", "", "UNREACHABLE: " + m.error());
                continue;
            }
            table.row(m.endpoint(), m.name(), m.memberId(), m.leader() ? "yes" : "no", m.version(),
                    QuotaBytes.human(m.dbSize()), m.dbSizeInUse() < 0 ? "?" : QuotaBytes.human(m.dbSizeInUse()),
                    String.format(Locale.ROOT, "%.0f%% of %s", m.quotaUsagePercent(), QuotaBytes.human(m.quotaBytes())),
                    m.raftIndex(), m.alarms().isEmpty() ? "-" : String.join(",", m.alarms()));
        }
        return table.lines();
    }

    public static List<String> beforeAfter(List<MemberStatus> before, List<MemberStatus> after) {
        TextTable table = new TextTable("MEMBER", "BEFORE", "AFTER", "QUOTA USED BEFORE", "QUOTA USED AFTER", "ALARMS AFTER");
        for (MemberStatus b : before) {
            MemberStatus a = after.stream().filter(x -> x.endpoint().equals(b.endpoint())).findFirst().orElse(null);
            table.row(b.label(), QuotaBytes.human(b.dbSize()), a == null || !a.reachable() ? "?" : QuotaBytes.human(a.dbSize()),
                    String.format(Locale.ROOT, "%.0f%%", b.quotaUsagePercent()),
                    a == null ? "?" : String.format(Locale.ROOT, "%.0f%%", a.quotaUsagePercent()),
                    a == null || a.alarms().isEmpty() ? "-" : String.join(",", a.alarms()));
        }
        return table.lines();
    }
}
