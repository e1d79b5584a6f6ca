package io.kubemagic.engine.kubespray;

import io.kubemagic.engine.kube.Preflight;
import io.kubemagic.engine.report.TextTable;

import java.util.ArrayList;
import java.util.List;

/** The plan as an operator reads it in a terminal, a build log, or the report saved for the approval. */
public final class PlanText {
    private PlanText() {
    }

    public static List<String> lines(UpgradePlan plan) {
        List<String> lines = new ArrayList<>();
        lines.add("Kubernetes in use: " + plan.currentKubeVersion() + " (" + plan.currentKubeVersionSource() + ")");
        lines.add("Kubespray in use: " + plan.position().describe());
        if (!plan.completedHops().isEmpty()) {
            lines.add("Hops already done (progress file): " + String.join(", ", plan.completedHops()));
        }
        lines.add("Target: " + plan.targetTag() + (plan.targetKubeVersion() == null ? "" : ", Kubernetes " + plan.targetKubeVersion()));
        plan.notes().forEach(note -> lines.add("note: " + note));
        plan.refusals().forEach(refusal -> lines.add("REFUSED: " + refusal));
        if (!plan.hops().isEmpty()) {
            TextTable table = new TextTable("HOP", "FROM", "TAG", "KUBERNETES", "KUBE_VERSION", "PLAYBOOK", "WHY");
            plan.hops().forEach(h -> table.row(h.number(), h.fromRef(), h.tag(), h.fromKubeVersion() + " -> " + h.kubeVersion(),
                    h.kubeVersionValue(), h.playbook(), h.reason()));
            lines.addAll(table.lines());
        }
        for (HopReview review : plan.reviews()) {
            lines.add("");
            lines.add("Inventory review " + review.fromRef() + " -> " + review.toTag() + " (" + review.items().size() + " change(s), "
                    + review.actionsNeeded() + " for your inventory):");
            review.items().forEach(item -> lines.add((item.actionNeeded() ? "  ! " : "  - ") + item.message()));
        }
        if (plan.preflight() != null) {
            lines.add("");
            lines.add("Pre-flight (" + plan.preflight().server() + ", " + plan.preflight().blocking().size() + " blocking, "
                    + plan.preflight().warnings().size() + " warning(s)):");
            Preflight.lines(plan.preflight()).forEach(line -> lines.add("  " + line));
        }
        return lines;
    }
}
