package io.jenkins.plugins.kubemagic.etcd;

import hudson.model.Run;
import io.kubemagic.engine.audit.AuditRecord;
import io.kubemagic.engine.etcd.ClusterStatus;
import io.kubemagic.engine.etcd.DefragReport;
import io.jenkins.plugins.kubemagic.steps.JsonEntriesAction;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The build page "etcd maintenance": every etcd step of the build, its audit record and, for a
 * defrag, the size of each member before and after. Entries are kept as JSON so the build record
 * does not depend on engine classes staying the same.
 */
public final class EtcdReportAction extends JsonEntriesAction {

    public static EtcdReportAction of(Run<?, ?> run) {
        return of(run, EtcdReportAction.class, EtcdReportAction::new);
    }

    public void addStatus(ClusterStatus status, AuditRecord audit) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("kind", "status");
        entry.put("members", EtcdResults.status(status));
        entry.put("audit", audit);
        addEntry(entry);
    }

    public void addDefrag(DefragReport report) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("kind", "defrag");
        entry.put("result", EtcdResults.defrag(report));
        entry.put("before", report.before().stream().map(EtcdResults::member).toList());
        entry.put("after", report.after().stream().map(EtcdResults::member).toList());
        entry.put("audit", report.audit());
        addEntry(entry);
    }

    public static String human(Object bytes) {
        return bytes instanceof Number n && n.longValue() >= 0
                ? io.kubemagic.engine.etcd.QuotaBytes.human(n.longValue()) : "?";
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
