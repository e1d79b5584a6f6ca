package io.jenkins.plugins.kubemagic.etcd;

import hudson.model.Run;
import io.kubemagic.engine.audit.AuditRecord;
import io.kubemagic.engine.etcd.ClusterStatus;
import io.kubemagic.engine.etcd.DefragReport;
import io.kubemagic.engine.json.Json;
import jenkins.model.RunAction2;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The build page "etcd maintenance": every etcd step of the build, its audit record and, for a
 * defrag, the size of each member before and after. Entries are kept as JSON so the build record
 * does not depend on engine classes staying the same.
 */
public final class EtcdReportAction implements RunAction2 {
    private final List<String> entries = new ArrayList<>();
    private transient Run<?, ?> run;

    public static synchronized EtcdReportAction of(Run<?, ?> run) {
        EtcdReportAction action = run.getAction(EtcdReportAction.class);
        if (action == null) {
            action = new EtcdReportAction();
            run.addAction(action);
        }
        return action;
    }

    public synchronized void addStatus(ClusterStatus status, AuditRecord audit) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("kind", "status");
        entry.put("members", EtcdResults.status(status));
        entry.put("audit", audit);
        entries.add(Json.write(entry));
    }

    public synchronized void addDefrag(DefragReport report) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("kind", "defrag");
        entry.put("result", EtcdResults.defrag(report));
        entry.put("before", report.before().stream().map(EtcdResults::member).toList());
        entry.put("after", report.after().stream().map(EtcdResults::member).toList());
        entry.put("audit", report.audit());
        entries.add(Json.write(entry));
    }

    /** For index.jelly: the entries as maps, oldest first. */
    @SuppressWarnings("unchecked")
    public synchronized List<Map<String, Object>> getEntries() {
        List<Map<String, Object>> parsed = new ArrayList<>();
        for (String entry : entries) {
            try {
                parsed.add(Json.mapper().readValue(entry, Map.class));
            } catch (java.io.IOException e) {
                parsed.add(Map.of("kind", "unreadable", "error", e.getMessage()));
            }
        }
        return parsed;
    }

    public static String human(Object bytes) {
        return bytes instanceof Number n && n.longValue() >= 0
                ? io.kubemagic.engine.etcd.QuotaBytes.human(n.longValue()) : "?";
    }

    public Run<?, ?> getRun() {
        return run;
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public String getIconFileName() {
        return "clipboard.png";
    }

    @Override
    public String getDisplayName() {
        return "etcd maintenance";
    }

    @Override
    public String getUrlName() {
        return "kubemagic-etcd";
    }
}
