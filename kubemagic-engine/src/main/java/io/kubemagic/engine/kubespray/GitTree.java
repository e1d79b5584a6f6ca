package io.kubemagic.engine.kubespray;

import io.kubemagic.engine.KubeMagicException;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Files of one commit, read straight from the object database (no checkout, no git binary). */
public final class GitTree {
    private final Repository repository;
    private final RevTree tree;
    private final String commit;

    GitTree(Repository repository, RevCommit commit) {
        this.repository = repository;
        this.tree = commit.getTree();
        this.commit = commit.getName();
    }

    public String commit() {
        return commit;
    }

    public Optional<String> read(String path) {
        try (TreeWalk walk = TreeWalk.forPath(repository, path, tree)) {
            if (walk == null || walk.getFileMode(0).getObjectType() != org.eclipse.jgit.lib.Constants.OBJ_BLOB) {
                return Optional.empty();
            }
            return Optional.of(new String(repository.open(walk.getObjectId(0)).getBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new KubeMagicException("cannot read " + path + " at " + commit + ": " + e.getMessage(), e);
        }
    }

    public boolean exists(String path) {
        try (TreeWalk walk = TreeWalk.forPath(repository, path, tree)) {
            return walk != null;
        } catch (IOException e) {
            throw new KubeMagicException("cannot read " + path + " at " + commit + ": " + e.getMessage(), e);
        }
    }

    /** Every file under {@code folder}, keyed by its path relative to {@code folder}. */
    public Map<String, String> readAll(String folder) {
        Map<String, String> files = new LinkedHashMap<>();
        try (TreeWalk walk = new TreeWalk(repository)) {
            walk.addTree(tree);
            walk.setRecursive(true);
            walk.setFilter(PathFilter.create(folder));
            while (walk.next()) {
                String path = walk.getPathString();
                files.put(path.substring(folder.length() + 1),
                        new String(repository.open(walk.getObjectId(0)).getBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new KubeMagicException("cannot read " + folder + " at " + commit + ": " + e.getMessage(), e);
        }
        return files;
    }

    /** Writes the whole tree into {@code target} (executable bits kept, symbolic links as links). */
    public void export(Path target) {
        try (TreeWalk walk = new TreeWalk(repository); ObjectReader reader = repository.newObjectReader()) {
            walk.addTree(tree);
            walk.setRecursive(true);
            while (walk.next()) {
                Path file = target.resolve(walk.getPathString());
                Files.createDirectories(file.getParent());
                FileMode mode = walk.getFileMode(0);
                ObjectId id = walk.getObjectId(0);
                if (mode == FileMode.GITLINK) {
                    continue;
                }
                byte[] bytes = reader.open(id).getBytes();
                if (mode == FileMode.SYMLINK) {
                    Files.deleteIfExists(file);
                    Files.createSymbolicLink(file, Path.of(new String(bytes, StandardCharsets.UTF_8)));
                    continue;
                }
                Files.write(file, bytes);
                if (mode == FileMode.EXECUTABLE_FILE) {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
        } catch (IOException e) {
            throw new KubeMagicException("cannot write the files of " + commit + " to " + target + ": " + e.getMessage()
                    + "; check the state directory's free space and permissions", e);
        }
    }
}
