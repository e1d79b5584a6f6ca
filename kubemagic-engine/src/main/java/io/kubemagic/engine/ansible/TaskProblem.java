package io.kubemagic.engine.ansible;

import java.io.Serializable;

/** A task that failed or found its host unreachable; {@code message} is masked. */
public record TaskProblem(String host, String task, String kind, boolean ignored, String message) implements Serializable {
}
