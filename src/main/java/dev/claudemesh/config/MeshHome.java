package dev.claudemesh.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * claudemesh's own folder ({@code CLAUDEMESH_HOME}, default {@code ~/.claudemesh}) and the files in it.
 * The folder is 0700 and every file 0600: the trust boundary is the OS user. JDK-only (hook path).
 */
public record MeshHome(Path dir) {
    public MeshHome {
        if (dir == null) {
            throw new IllegalArgumentException("claudemesh home folder must not be null");
        }
        dir = dir.toAbsolutePath().normalize();
    }

    public static MeshHome fromEnv(Map<String, String> env) {
        String explicit = env.get("CLAUDEMESH_HOME");
        if (explicit != null && !explicit.isBlank()) {
            return new MeshHome(Path.of(explicit));
        }
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        return new MeshHome(Path.of(home, ".claudemesh"));
    }

    public static MeshHome fromEnv() {
        return fromEnv(System.getenv());
    }

    public Path database() {
        return dir.resolve("claudemesh.db");
    }

    /** The full-text index of the transcripts: a cache of its own, never the message database. */
    public Path indexDatabase() {
        return dir.resolve("index.db");
    }

    public Path lockFile() {
        return dir.resolve("daemon.lock");
    }

    /** Held (and naming its pid) by the home's tray app for its life. */
    public Path trayLockFile() {
        return dir.resolve("tray.lock");
    }

    public Path stateFile() {
        return dir.resolve("daemon.state");
    }

    public Path tokenFile() {
        return dir.resolve("token");
    }

    /**
     * {@code Authorization: Bearer <token>} as one header line, 0600, for {@code curl -H @file}: the thin hooks
     * send the token without it ever appearing in a command line.
     */
    public Path authHeaderFile() {
        return dir.resolve("auth.header");
    }

    /**
     * The daemon's quiet prompt markers: {@code p<claude pid>}, a symlink to {@code /proc/<daemon pid>} while the
     * daemon has nothing for that claude's prompt hook, which then skips the daemon (the thin prompt command).
     */
    public Path quietDir() {
        return dir.resolve("quiet");
    }

    /** Where a prompt that skipped the daemon leaves its line ({@code UserPromptSubmit <claude pid> <session id>}). */
    public Path promptsDir() {
        return dir.resolve("prompts");
    }

    public Path logFile() {
        return dir.resolve("daemon.log");
    }

    public Path configFile() {
        return dir.resolve("config.json");
    }

    /** Creates the folder (0700) if needed and tightens its mode if it is looser. */
    public MeshHome ensure() throws IOException {
        Files.createDirectories(dir);
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system: nothing to tighten
        }
        return this;
    }

    /** Creates an empty 0600 file if it does not exist, and tightens an existing one to 0600. */
    public static Path privateFile(Path file) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (java.nio.file.FileAlreadyExistsException e) {
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not POSIX
            }
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        return file;
    }

    /** Writes a file atomically (temp file + rename) with mode 0600. */
    public static void writePrivate(Path file, byte[] content) throws IOException {
        Path tmp = file.resolveSibling(
                "." + file.getFileName() + ".tmp" + ProcessHandle.current().pid());
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(tmp);
        }
        Files.write(
                tmp, content, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.SYNC);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
