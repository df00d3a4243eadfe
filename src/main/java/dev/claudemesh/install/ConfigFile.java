package dev.claudemesh.install;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.Set;

/**
 * One config file as read before patching: its bytes (null when absent) and its mode, so the rewrite keeps
 * the mode. A symlinked file is written through to its target so dotfile links survive.
 */
record ConfigFile(Path path, byte[] bytes, Set<PosixFilePermission> mode) {
    /** Mode of files install creates. */
    static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rw-------");

    ConfigFile {
        Objects.requireNonNull(path, "path");
        mode = Set.copyOf(mode);
    }

    static ConfigFile read(Path path) throws InstallException {
        try {
            byte[] bytes = Files.readAllBytes(path);
            return new ConfigFile(path, bytes, Files.getPosixFilePermissions(path));
        } catch (NoSuchFileException e) {
            return new ConfigFile(path, null, PRIVATE);
        } catch (IOException | UnsupportedOperationException e) {
            throw new InstallException("cannot read " + path + ": " + e.getMessage() + ".", e);
        }
    }

    boolean exists() {
        return bytes != null;
    }

    /** Copies the current file to {@code <name>.claudemesh-backup} unless a backup is already there. */
    boolean backupOnce() throws InstallException {
        Path backup = backupPath(path);
        if (!exists() || Files.exists(backup, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        writeAtomically(backup, bytes, mode);
        return true;
    }

    static Path backupPath(Path path) {
        return path.resolveSibling(path.getFileName() + ".claudemesh-backup");
    }

    /**
     * Fails when the file on disk no longer holds what was read (Claude Code rewrites its files while
     * it runs), so a concurrent change is never silently overwritten.
     */
    void checkUnchangedOnDisk() throws InstallException {
        byte[] now = read(path).bytes();
        if (!java.util.Arrays.equals(now, bytes)) {
            throw new InstallException(path + " changed while claudemesh was updating it (is Claude Code writing"
                    + " it?); run the command again.");
        }
    }

    /** Replaces the file with {@code content} (atomic, mode kept, symlink followed). */
    void replace(byte[] content) throws InstallException {
        writeAtomically(target(), content, mode);
    }

    /** Deletes the file (or a symlink's target). */
    void delete() throws InstallException {
        try {
            Files.deleteIfExists(target());
            fsyncDirectory(target().getParent());
        } catch (IOException e) {
            throw new InstallException("cannot delete " + path + ": " + e.getMessage() + ".", e);
        }
    }

    private Path target() throws InstallException {
        try {
            return Files.isSymbolicLink(path) ? path.toRealPath() : path;
        } catch (IOException e) {
            throw new InstallException(path + " is a broken symlink; fix or remove it, then try again.", e);
        }
    }

    /** Writes a temp file next to {@code target}, fsyncs it, sets {@code mode} and renames it over. */
    static void writeAtomically(Path target, byte[] content, Set<PosixFilePermission> mode) throws InstallException {
        replaceWith(target, mode, tmp -> {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
        });
    }

    /** Copies {@code source} to {@code target} the same atomic way. */
    static void copyAtomically(Path source, Path target, Set<PosixFilePermission> mode) throws InstallException {
        replaceWith(target, mode, tmp -> {
            try (InputStream in = Files.newInputStream(source);
                    FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                byte[] buf = new byte[1 << 16];
                for (int n; (n = in.read(buf)) > 0; ) {
                    ByteBuffer b = ByteBuffer.wrap(buf, 0, n);
                    while (b.hasRemaining()) {
                        ch.write(b);
                    }
                }
                ch.force(true);
            }
        });
    }

    private interface Filler {
        void fill(Path tmp) throws IOException;
    }

    private static void replaceWith(Path target, Set<PosixFilePermission> mode, Filler filler) throws InstallException {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(
                    dir, "." + target.getFileName() + ".", ".tmp", PosixFilePermissions.asFileAttribute(PRIVATE));
            filler.fill(tmp);
            Files.setPosixFilePermissions(tmp, mode);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            tmp = null;
            fsyncDirectory(dir);
        } catch (IOException e) {
            throw new InstallException("cannot write " + target + ": " + e.getMessage() + ".", e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the temp file is only litter; the original is untouched
                }
            }
        }
    }

    private static void fsyncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException ignored) {
            // some file systems cannot fsync a directory; the rename itself already happened
        }
    }
}
