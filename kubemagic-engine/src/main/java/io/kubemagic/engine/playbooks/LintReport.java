package io.kubemagic.engine.playbooks;

import io.kubemagic.engine.audit.AuditRecord;
import io.kubemagic.engine.inventory.LintFinding;

import java.io.Serializable;
import java.util.List;

/** The lint of a site's inventories, one entry per checkout. */
public record LintReport(String site, String inventoryName, List<Entry> entries, AuditRecord audit) implements Serializable {

    public record Entry(String checkout, String inventory, List<LintFinding> findings) implements Serializable {
    }

    public long errors() {
        return entries.stream().flatMap(e -> e.findings().stream()).filter(LintFinding::isError).count();
    }

    public List<LintFinding> findings() {
        return entries.stream().flatMap(e -> e.findings().stream()).toList();
    }
}
