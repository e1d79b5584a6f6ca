package io.kubemagic.engine.ansible;

import io.kubemagic.engine.audit.AuditRecord;
import io.kubemagic.engine.inventory.LintFinding;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a playbook run did: the lint findings, each host's recap, the tasks that failed, how it
 * ended and why. {@code exitCode} is ansible-playbook's last one (-1 when it did not run).
 */
public record PlaybookReport(
        String operation,
        String inventory,
        List<String> playbooks,
        String limit,
        Outcome outcome,
        int exitCode,
        List<HostResult> hosts,
        List<TaskProblem> problems,
        List<LintFinding> lint,
        List<String> commands,
        long durationMillis,
        String message,
        AuditRecord audit) implements Serializable {

    public enum Outcome {
        /** Every playbook ran and no host failed. */
        SUCCESS,
        /** The lint found errors; nothing ran. */
        LINT_FAILED,
        /** Ansible could not parse a playbook, role or variables file (exit code 4 without a recap). */
        PARSE_ERROR,
        /** At least one task failed on at least one host (exit code 2). */
        HOSTS_FAILED,
        /** At least one host could not be reached (exit code 4 with a recap). */
        HOSTS_UNREACHABLE,
        /** ansible-playbook stopped with another error (a missing playbook, bad options, exit 1/5/250). */
        FAILED,
        /** The time limit ran out; the process tree was killed. */
        TIMED_OUT,
        /** Aborted (build aborted, Ctrl-C); the process tree was killed. */
        ABORTED
    }

    public boolean succeeded() {
        return outcome == Outcome.SUCCESS;
    }

    public List<String> failedHosts() {
        return hosts.stream().filter(h -> h.status() == HostResult.Status.FAILED).map(HostResult::host).toList();
    }

    public List<String> unreachableHosts() {
        return hosts.stream().filter(h -> h.status() == HostResult.Status.UNREACHABLE).map(HostResult::host).toList();
    }

    public Map<String, HostResult> byHost() {
        return hosts.stream().collect(Collectors.toMap(HostResult::host, h -> h, (a, b) -> a, java.util.LinkedHashMap::new));
    }
}
