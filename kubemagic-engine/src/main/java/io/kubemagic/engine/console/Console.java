package io.kubemagic.engine.console;

/**
 * Where the engine reports what it is doing. Jenkins passes one that writes to the build log,
 * the CLI one that writes to the terminal. Implementations need not mask secrets: wrap them in
 * {@link MaskingConsole}, which every engine entry point does.
 */
public interface Console {

    /** An ordinary line of output. */
    void line(String text);

    /** A step of a longer operation ("defragmenting member 2 of 3"). */
    default void progress(String text) {
        line("[kubemagic] " + text);
    }

    /** Something the operator should look at, though the operation goes on. */
    default void warn(String text) {
        line("[kubemagic] WARNING: " + text);
    }

    /** A console that prints nothing, for callers that only want the result. */
    static Console silent() {
        return text -> { };
    }
}
