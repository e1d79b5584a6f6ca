package io.jenkins.plugins.kubemagic.etcd;

import io.jenkins.plugins.kubemagic.steps.FieldCheck;
import io.kubemagic.engine.InvalidInputException;
import io.kubemagic.engine.etcd.EtcdEndpoints;
import io.kubemagic.engine.etcd.EtcdEnvFile;
import io.kubemagic.engine.etcd.QuotaBytes;

/** What the snippet generator says about a field as it is typed; the same rules the run applies. */
public final class EtcdFieldChecks {
    private EtcdFieldChecks() {
    }

    public static FieldCheck quotaBytes(String value) {
        if (value == null || value.isBlank()) {
            return FieldCheck.ok();
        }
        try {
            long bytes = QuotaBytes.parse("quotaBytes", value);
            return QuotaBytes.warningFor("quotaBytes", bytes).map(FieldCheck::warning).orElse(FieldCheck.ok());
        } catch (InvalidInputException e) {
            return FieldCheck.error(e.getMessage());
        }
    }

    public static FieldCheck endpoints(String value) {
        if (value == null || value.isBlank()) {
            return FieldCheck.ok();
        }
        try {
            EtcdEndpoints.parse("endpoints", value);
            return FieldCheck.ok();
        } catch (InvalidInputException e) {
            return FieldCheck.error(e.getMessage());
        }
    }

    public static FieldCheck etcdEnv(String value) {
        if (value == null || value.isBlank()) {
            return FieldCheck.ok();
        }
        try {
            EtcdEnvFile env = EtcdEnvFile.parse(value);
            env.memberEndpoints();
            env.quotaBytes();
            return FieldCheck.ok();
        } catch (InvalidInputException e) {
            return FieldCheck.error(e.getMessage());
        }
    }
}
