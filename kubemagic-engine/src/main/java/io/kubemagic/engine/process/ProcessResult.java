package io.kubemagic.engine.process;

import java.time.Duration;
import java.util.List;

/** How a process ended, with its (masked) output lines. */
public record ProcessResult(int exitCode, boolean timedOut, Duration duration, List<String> output) {

    public boolean succeeded() {
        return !timedOut && exitCode == 0;
    }
}
