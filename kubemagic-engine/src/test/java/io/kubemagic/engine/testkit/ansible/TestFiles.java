package io.kubemagic.engine.testkit.ansible;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a file (and its directories) under a test's directory: inventories, group_vars, site files. */
public final class TestFiles {
    private TestFiles() {
    }

    public static Path write(Path root, String name, String text) {
        Path file = root.resolve(name);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
