package io.kubemagic.engine.console;

import java.io.PrintStream;

/** Writes to a stream: the terminal for the CLI, the build log for Jenkins. */
public final class PrintStreamConsole implements Console {
    private final PrintStream out;

    public PrintStreamConsole(PrintStream out) {
        this.out = out;
    }

    @Override
    public void line(String text) {
        synchronized (out) {
            out.println(text);
            out.flush();
        }
    }
}
