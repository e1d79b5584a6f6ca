package io.kubemagic.engine.clair;

import java.io.Serializable;
import java.util.List;

/**
 * The gate's verdict.
 *
 * @param violations how many findings counted against the gate
 * @param allowed    how many it allows ({@code maxFindings})
 * @param breaking   exactly the findings that broke it (empty when it held)
 * @param errors     the images that could not be scanned, with the reason
 */
public record GateResult(Outcome outcome, int violations, int allowed, List<Finding> breaking, List<String> errors,
                         String message) implements Serializable {

    public enum Outcome {
        PASSED, FAILED, UNSTABLE,
        /** Broken, but the policy only warns. */
        WARNED,
        /** An image could not be scanned (registry or Clair failed): nothing can be said about it. */
        ERROR
    }

    public boolean passed() {
        return outcome == Outcome.PASSED;
    }
}
