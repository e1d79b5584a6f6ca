package io.kubemagic.engine.etcd;

import io.kubemagic.engine.KubeMagicException;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads every member's status. Member names come from the member list, alarms from the alarm
 * list; when neither answers (quorum lost), each endpoint is still asked on its own.
 */
final class ClusterStatusReader {
    private ClusterStatusReader() {
    }

    static ClusterStatus read(EtcdSession session, long quotaBytes) {
        Map<String, String> namesById = new HashMap<>();
        Map<String, List<String>> alarmsByMember = new HashMap<>();
        try {
            for (MemberInfo member : session.members()) {
                namesById.put(member.id(), member.name());
            }
            for (AlarmInfo alarm : session.alarms()) {
                alarmsByMember.computeIfAbsent(alarm.memberId(), id -> new ArrayList<>()).add(alarm.type());
            }
        } catch (KubeMagicException clusterUnavailable) {
            // Each member is asked below; its own error explains more than the cluster-wide one.
        }
        List<MemberStatus> members = new ArrayList<>();
        for (URI endpoint : session.target().endpoints()) {
            String name = session.target().memberNamesByEndpoint().get(endpoint.toString());
            members.add(session.status(endpoint, name, quotaBytes, alarmsByMember, namesById));
        }
        return new ClusterStatus(List.copyOf(members), quotaBytes);
    }
}
