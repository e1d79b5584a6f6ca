package io.kubemagic.cli;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The launcher's entry point. Ctrl-C interrupts the running command instead of killing it, so a
 * defrag stops between steps, prints where it stopped and writes its audit record; the process
 * then ends with {@value ExitCodes#INTERRUPTED}.
 */
public final class Main {
    /** How long Ctrl-C waits for the command to report before the JVM goes down anyway. */
    private static final long REPORT_GRACE_MILLIS = 15_000;

    private Main() {
    }

    public static void main(String[] args) {
        Thread worker = Thread.currentThread();
        AtomicBoolean finished = new AtomicBoolean();
        AtomicBoolean signalled = new AtomicBoolean();
        Thread onSignal = new Thread(() -> {
            if (finished.get()) {
                return;
            }
            signalled.set(true);
            worker.interrupt();
            try {
                worker.join(REPORT_GRACE_MILLIS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "kubemagic-interrupt");
        Runtime.getRuntime().addShutdownHook(onSignal);
        int code = new KubeMagicCommand().commandLine().execute(args);
        finished.set(true);
        if (signalled.get()) {
            // The JVM is already shutting down (SIGINT/SIGTERM): it exits with 128+signal; System.exit would block.
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(onSignal);
        } catch (IllegalStateException shuttingDown) {
            return;
        }
        System.exit(code);
    }
}
