package io.kubemagic.engine.ansible;

import io.kubemagic.engine.inventory.LintRules;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One operation for {@link AnsibleRunner}: the playbooks to run in order (openshift-ansible has two),
 * from which directory (the checkout, for its ansible.cfg and roles), against which inventory, with
 * which lint rules and options.
 */
public record PlaybookInvocation(String operation, Path workingDirectory, Path inventory, List<Path> playbooks,
                                 LintRules lintRules, AnsibleOptions options, Map<String, Object> target) {

    public PlaybookInvocation {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        Objects.requireNonNull(inventory, "inventory");
        playbooks = List.copyOf(playbooks);
        Objects.requireNonNull(options, "options");
        target = target == null ? Map.of() : new LinkedHashMap<>(target);
    }

    /** What the audit record names as the target. */
    public Map<String, Object> describeTarget() {
        Map<String, Object> described = new LinkedHashMap<>(target);
        described.put("inventory", inventory.toString());
        described.put("playbooks", playbooks.stream().map(Path::toString).toList());
        return described;
    }
}
