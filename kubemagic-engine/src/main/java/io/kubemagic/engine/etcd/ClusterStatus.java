package io.kubemagic.engine.etcd;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/** Every member's status, in endpoint order. */
public record ClusterStatus(List<MemberStatus> members, long quotaBytes) implements Serializable {

    public Optional<MemberStatus> leader() {
        return members.stream().filter(MemberStatus::leader).findFirst();
    }

    public List<MemberStatus> unreachable() {
        return members.stream().filter(m -> !m.reachable()).toList();
    }

    public boolean anyNoSpaceAlarm() {
        return members.stream().anyMatch(MemberStatus::hasNoSpaceAlarm);
    }

    public boolean allUnderQuota() {
        return members.stream().allMatch(m -> m.reachable() && m.dbSize() < m.quotaBytes());
    }
}
