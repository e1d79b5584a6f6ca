package io.kubemagic.engine.ansible;

import io.kubemagic.engine.KubeMagicException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The private (0700) directory of one run: the stats callback, the askpass helper, ansible's local
 * temp files and SSH control sockets, and the {@link io.kubemagic.engine.process.SecretFiles} of the
 * run. Deleted with everything in it when the run ends, however it ends.
 */
final class RunDirectory implements AutoCloseable {
    private final Path path;

    RunDirectory() {
        try {
            Path parent = Path.of(System.getProperty("java.io.tmpdir"));
            Files.createDirectories(parent);
            // Short names: SSH control sockets live in here, and socket paths are limited to ~100 bytes.
            this.path = Files.createTempDirectory(parent, "km-ans-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new KubeMagicException("cannot create a private directory for the ansible run in "
                    + System.getProperty("java.io.tmpdir") + ": " + e.getMessage(), e);
        }
    }

    Path path() {
        return path;
    }

    Path directory(String name) {
        Path directory = path.resolve(name);
        try {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new KubeMagicException("cannot create " + directory + ": " + e.getMessage(), e);
        }
        return directory;
    }

    Path write(String name, String content, String permissions) {
        Path file = path.resolve(name);
        try {
            Files.createDirectories(file.getParent());
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions)));
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new KubeMagicException("cannot write " + file + ": " + e.getMessage(), e);
        }
        return file;
    }

    @Override
    public void close() {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> all = Files.walk(path)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new KubeMagicException("could not delete the run directory " + path + ": " + e.getMessage()
                    + "; delete it by hand", e);
        }
    }
}
