package io.jenkins.plugins.kubemagic.etcd;

import io.kubemagic.engine.etcd.ClusterStatus;
import io.kubemagic.engine.etcd.DefragReport;
import io.kubemagic.engine.etcd.MemberStatus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the steps return to the Pipeline script: plain maps and lists that CPS can keep. */
public final class EtcdResults {
    private EtcdResults() {
    }

    public static List<Map<String, Object>> status(ClusterStatus status) {
        List<Map<String, Object>> members = new ArrayList<>();
        for (MemberStatus m : status.members()) {
            members.add(member(m));
        }
        return members;
    }

    static Map<String, Object> member(MemberStatus m) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("endpoint", m.endpoint());
        map.put("name", m.name());
        map.put("memberId", m.memberId());
        map.put("reachable", m.reachable());
        map.put("leader", m.leader());
        map.put("version", m.version());
        map.put("dbSize", m.dbSize());
        map.put("dbSizeInUse", m.dbSizeInUse());
        map.put("quotaBytes", m.quotaBytes());
        map.put("quotaUsagePercent", Math.round(m.quotaUsagePercent() * 10) / 10.0);
        map.put("raftIndex", m.raftIndex());
        map.put("raftTerm", m.raftTerm());
        map.put("alarms", new ArrayList<>(m.alarms()));
        map.put("error", m.error());
        return map;
    }

    public static Map<String, Object> defrag(DefragReport report) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("completed", report.completed());
        map.put("dryRun", report.dryRun());
        List<Map<String, Object>> members = new ArrayList<>();
        for (DefragReport.MemberOutcome outcome : report.members()) {
            Map<String, Object> member = new LinkedHashMap<>();
            member.put("endpoint", outcome.endpoint());
            member.put("name", outcome.name());
            member.put("state", outcome.state().name());
            member.put("dbSizeBefore", outcome.dbSizeBefore());
            member.put("dbSizeAfter", outcome.dbSizeAfter());
            member.put("millis", outcome.millis());
            member.put("detail", outcome.detail());
            members.add(member);
        }
        map.put("members", members);
        List<Map<String, Object>> plan = new ArrayList<>();
        for (DefragReport.PlannedMember planned : report.plan()) {
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("endpoint", planned.endpoint());
            step.put("name", planned.name());
            step.put("leader", planned.leader());
            step.put("defrag", planned.defrag());
            step.put("reason", planned.reason());
            plan.add(step);
        }
        map.put("plan", plan);
        map.put("alarmsDisarmed", report.alarmsDisarmed().size());
        map.put("alarmsKeptReason", report.alarmsKeptReason());
        map.put("snapshotFile", report.snapshotFile());
        map.put("compactedRevision", report.compactedRevision());
        map.put("verified", report.verification() != null && report.verification().consistent());
        map.put("failure", report.failure());
        map.put("resumeHint", report.resumeHint());
        map.put("warnings", new ArrayList<>(report.warnings()));
        return map;
    }
}
