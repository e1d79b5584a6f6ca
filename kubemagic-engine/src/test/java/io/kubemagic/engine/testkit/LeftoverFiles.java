package io.kubemagic.engine.testkit;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * Files written since a moment that contain a secret: what an operation would leave behind on
 * the agent. Other processes may create and delete files meanwhile; those are skipped.
 */
public final class LeftoverFiles {
    private static final long MAX_SIZE = 4L * 1024 * 1024;

    private LeftoverFiles() {
    }

    public static List<Path> containing(Path root, String secret, Instant since) throws IOException {
        List<Path> found = new ArrayList<>();
        Files.walkFileTree(root, EnumSet.noneOf(java.nio.file.FileVisitOption.class), 4, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (attributes.isRegularFile() && attributes.size() < MAX_SIZE
                        && !attributes.lastModifiedTime().toInstant().isBefore(since)) {
                    try {
                        if (Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1).contains(secret)) {
                            found.add(file);
                        }
                    } catch (IOException gone) {
                        // Deleted or unreadable meanwhile: nothing was left there.
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exception) {
                return FileVisitResult.CONTINUE;
            }
        });
        return found;
    }
}
