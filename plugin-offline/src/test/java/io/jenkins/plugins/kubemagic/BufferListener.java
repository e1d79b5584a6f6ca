package io.jenkins.plugins.kubemagic;

import hudson.model.TaskListener;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A build log in memory: what the TaskListener of a real build would show. Like remoting, which
 * sends a proxy to the agent, serialization replaces it by a handle that resolves to this instance.
 */
public final class BufferListener implements TaskListener {
    private static final Map<String, BufferListener> EXPORTED = new ConcurrentHashMap<>();

    private final String id = UUID.randomUUID().toString();
    private final transient ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final transient PrintStream logger = new PrintStream(buffer, true, StandardCharsets.UTF_8);

    public BufferListener() {
        EXPORTED.put(id, this);
    }

    @Override
    public PrintStream getLogger() {
        return logger;
    }

    public String log() {
        return buffer.toString(StandardCharsets.UTF_8);
    }

    private Object writeReplace() {
        return new Handle(id);
    }

    private record Handle(String id) implements Serializable {
        private Object readResolve() {
            return EXPORTED.get(id);
        }
    }
}
