package io.kubemagic.engine.ansible;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * SSH connection sharing (ControlPersist) keeps a master ssh process per host after ansible-playbook
 * exits, detached from it, so killing ansible's process tree does not end it. Every run has its own
 * control directory; this asks each master in it to exit, then ends any process still naming that
 * directory (only ours can: the directory's name is random and private to the run).
 */
final class ControlMasters {
    private ControlMasters() {
    }

    static void close(Path controlDirectory) {
        if (!Files.isDirectory(controlDirectory)) {
            return;
        }
        try (Stream<Path> sockets = Files.list(controlDirectory)) {
            for (Path socket : sockets.toList()) {
                askToExit(socket);
            }
        } catch (IOException ignored) {
            // Fall through to the process scan.
        }
        String marker = controlDirectory.toAbsolutePath().toString();
        List<ProcessHandle> left = ProcessHandle.allProcesses()
                .filter(p -> p.pid() != ProcessHandle.current().pid())
                .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false)
                        || p.info().arguments().map(a -> String.join(" ", a).contains(marker)).orElse(false))
                .toList();
        for (ProcessHandle process : left) {
            process.destroy();
        }
        for (ProcessHandle process : left) {
            try {
                process.onExit().get(3, TimeUnit.SECONDS);
            } catch (Exception stillThere) {
                process.destroyForcibly();
            }
        }
    }

    private static void askToExit(Path socket) {
        try {
            Process exit = new ProcessBuilder("ssh", "-o", "ControlPath=" + socket, "-O", "exit", "kubemagic-control-master")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!exit.waitFor(5, TimeUnit.SECONDS)) {
                exit.destroyForcibly();
            }
        } catch (IOException e) {
            // No ssh client: nothing could have been started with it either.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
