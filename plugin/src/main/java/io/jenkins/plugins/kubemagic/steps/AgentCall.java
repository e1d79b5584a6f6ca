package io.jenkins.plugins.kubemagic.steps;

import io.kubemagic.engine.json.Json;
import jenkins.security.MasterToSlaveCallable;

import java.io.IOException;

/**
 * Engine work sent to the agent. The result comes back as JSON text, not as engine objects:
 * the controller only deserializes classes from Jenkins core and plugin jars (JEP-200), and the
 * engine is a plain library inside the plugin.
 *
 * @param <R> the engine's result, rebuilt on the controller by {@link #decode(String)}
 */
public abstract class AgentCall<R> extends MasterToSlaveCallable<String, RuntimeException> {
    private static final long serialVersionUID = 1L;

    private final Class<R> resultType;

    protected AgentCall(Class<R> resultType) {
        this.resultType = resultType;
    }

    /** Runs on the agent. */
    protected abstract R compute();

    @Override
    public final String call() {
        return Json.write(compute());
    }

    public R decode(String json) {
        try {
            return Json.mapper().readValue(json, resultType);
        } catch (IOException e) {
            throw new IllegalStateException("the agent's " + resultType.getSimpleName() + " could not be read back", e);
        }
    }
}
