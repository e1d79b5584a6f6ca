package io.kubemagic.engine.etcd;

import io.kubemagic.engine.KubeMagicException;
import io.kubemagic.engine.console.Console;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

/**
 * A snapshot of the keyspace before anything is changed. The file holds every Kubernetes Secret
 * of the cluster, so it is created 0600, and only appears under its name once complete.
 */
final class SnapshotWriter {
    record Written(String path, long bytes) {
    }

    private SnapshotWriter() {
    }

    static Written write(EtcdSession session, String path, Duration timeout, Console console) {
        Path target = Path.of(path).toAbsolutePath();
        if (Files.isDirectory(target)) {
            throw new KubeMagicException("snapshot: " + target + " is a directory; give a file name, e.g. " + target.resolve("etcd-snapshot.db"));
        }
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        console.progress("saving a snapshot to " + target);
        try {
            Files.createDirectories(target.getParent());
            Files.deleteIfExists(partial);
            Files.createFile(partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            long bytes;
            try (OutputStream out = Files.newOutputStream(partial)) {
                bytes = session.snapshot(out, timeout);
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            console.progress("snapshot saved: " + QuotaBytes.human(bytes));
            return new Written(target.toString(), bytes);
        } catch (IOException e) {
            throw new KubeMagicException("snapshot: cannot write " + target + ": " + e.getMessage()
                    + "; nothing was changed in etcd", e);
        } catch (KubeMagicException e) {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // The failure below is what matters.
            }
            throw new KubeMagicException(e.getMessage() + "; nothing was changed in etcd", e);
        }
    }
}
