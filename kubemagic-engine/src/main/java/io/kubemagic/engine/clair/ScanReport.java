package io.kubemagic.engine.clair;

import io.kubemagic.engine.audit.AuditRecord;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * What a scan found: every image (in the order given), the gate's verdict, and where the reports
 * were written (format to path).
 */
public record ScanReport(String clair, String api, Map<String, Object> policy, List<ImageScan> images, GateResult gate,
                         Map<String, String> reports, long millis, AuditRecord audit) implements Serializable {

    public List<Finding> findings() {
        return images.stream().flatMap(i -> i.findings().stream()).toList();
    }

    public ScanReport withReports(Map<String, String> written) {
        return new ScanReport(clair, api, policy, images, gate, Map.copyOf(written), millis, audit);
    }

    public ScanReport withAudit(AuditRecord record) {
        return new ScanReport(clair, api, policy, images, gate, reports, millis, record);
    }
}
