package io.kubemagic.engine.process;

import io.kubemagic.engine.KubeMagicException;
import io.kubemagic.engine.console.SecretValue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Secrets that a tool can only read from a file (a private key, a vault password): written with
 * mode 0600 under random names in a 0700 directory, and all deleted on {@link #close()}. Use it
 * in try-with-resources so an abort or a failure deletes them too.
 */
public final class SecretFiles implements AutoCloseable {
    private final Path directory;
    private final List<Path> files = new ArrayList<>();

    public SecretFiles(Path parent) {
        try {
            Files.createDirectories(parent);
            this.directory = Files.createTempDirectory(parent, "km-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new KubeMagicException("cannot create a private directory for secret files under " + parent + ": " + e.getMessage(), e);
        }
    }

    public static SecretFiles inTempDirectory() {
        return new SecretFiles(Path.of(System.getProperty("java.io.tmpdir")));
    }

    public Path write(SecretValue secret) {
        return write(secret.reveal().getBytes(StandardCharsets.UTF_8));
    }

    public synchronized Path write(byte[] content) {
        Path file = directory.resolve(UUID.randomUUID().toString());
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(file, content, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new KubeMagicException("cannot write a secret file in " + directory + ": " + e.getMessage(), e);
        }
        files.add(file);
        return file;
    }

    public Path directory() {
        return directory;
    }

    @Override
    public synchronized void close() {
        for (Path file : files) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // Reported below through the directory, which then cannot be deleted either.
            }
        }
        files.clear();
        try {
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            throw new KubeMagicException("could not delete the secret files in " + directory + ": " + e.getMessage()
                    + "; delete that directory by hand", e);
        }
    }
}
