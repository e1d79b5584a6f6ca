package io.kubemagic.engine.testkit;

import io.kubemagic.engine.console.Console;

import java.util.ArrayList;
import java.util.List;

/** Keeps every line, for assertions on what an operator would have seen. */
public class RecordingConsole implements Console {
    private final List<String> lines = new ArrayList<>();

    @Override
    public synchronized void line(String text) {
        lines.add(text);
    }

    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    public String text() {
        return String.join("\n", lines());
    }
}
