package io.jenkins.plugins.kubemagic.steps;

import hudson.model.TaskListener;
import io.kubemagic.engine.OperationContext;
import io.kubemagic.engine.console.PrintStreamConsole;

import java.nio.file.Path;

/** The engine's context on the agent: the build log as console, the audit log if one was asked for. */
public final class AgentContext {
    private AgentContext() {
    }

    public static OperationContext of(TaskListener listener, String who, String auditLog) {
        return new OperationContext(who, new PrintStreamConsole(listener.getLogger()), auditLog == null ? null : Path.of(auditLog));
    }
}
