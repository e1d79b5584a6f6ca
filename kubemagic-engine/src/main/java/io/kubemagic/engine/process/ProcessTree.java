package io.kubemagic.engine.process;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** Ends a process and everything it started (ansible's forks, ssh, etcd's children). */
public final class ProcessTree {
    private ProcessTree() {
    }

    public static void kill(Process process) {
        kill(process.toHandle());
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static void kill(ProcessHandle root) {
        // Collect the descendants before the parent dies: orphans are re-parented and lost to us.
        List<ProcessHandle> descendants = root.descendants().collect(Collectors.toList());
        root.destroy();
        descendants.forEach(ProcessHandle::destroy);
        waitOrForce(root);
        descendants.forEach(ProcessTree::waitOrForce);
    }

    private static void waitOrForce(ProcessHandle handle) {
        try {
            handle.onExit().get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            handle.destroyForcibly();
            Thread.currentThread().interrupt();
        } catch (Exception stillAlive) {
            handle.destroyForcibly();
        }
    }
}
