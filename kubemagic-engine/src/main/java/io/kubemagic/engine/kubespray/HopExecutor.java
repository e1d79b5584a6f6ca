package io.kubemagic.engine.kubespray;

import io.kubemagic.engine.OperationContext;

import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Runs one hop's {@code upgrade-cluster.yml}. The runner prepares the worktree, the variables and
 * the log file; an executor only runs the playbook and says how it ended. The production executor
 * runs ansible-playbook; tests use a fake.
 */
@FunctionalInterface
public interface HopExecutor {

    HopResult execute(HopRun run, OperationContext context) throws InterruptedException;

    /**
     * Everything one run of the playbook needs: the hop, the checked-out tag, the playbook inside
     * it, the user's inventory, the extra variables (kube_version and the drain options) and the
     * log file that keeps this hop's output.
     */
    record HopRun(Hop hop, Path worktree, Path playbook, Path inventory, Map<String, String> extraVars, Path logFile,
                  Duration timeout) implements Serializable {
    }

    /** How the playbook ended; {@code failedHosts} are the nodes where it stopped (from the recap). */
    record HopResult(boolean succeeded, int exitCode, List<String> failedHosts, String message) implements Serializable {
        public static HopResult success() {
            return new HopResult(true, 0, List.of(), null);
        }

        public static HopResult failure(int exitCode, List<String> failedHosts, String message) {
            return new HopResult(false, exitCode, List.copyOf(failedHosts), message);
        }
    }
}
