package dev.claudemesh.transcript;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The only way to a {@link TranscriptFile}: checks that a path a client names is a regular {@code .jsonl} file
 * whose real path (symlinks resolved) lies under Claude Code's real projects folder,
 * {@code $CLAUDE_CONFIG_DIR/projects} or else {@code $HOME/.claude/projects}.
 */
public final class TranscriptLocator {
    private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,127}");

    private final Path projectsDir;

    /** @param claudeConfigDir Claude Code's config folder (what {@code CLAUDE_CONFIG_DIR} names, or ~/.claude) */
    public TranscriptLocator(Path claudeConfigDir) {
        this.projectsDir = Objects.requireNonNull(claudeConfigDir, "claudeConfigDir")
                .toAbsolutePath()
                .normalize()
                .resolve("projects");
    }

    /** Follows {@code CLAUDE_CONFIG_DIR} when set, else {@code HOME/.claude} (else the JVM's user.home). */
    public static TranscriptLocator fromEnvironment(Map<String, String> env) {
        String configDir = env.get("CLAUDE_CONFIG_DIR");
        if (configDir != null && !configDir.isBlank()) {
            return new TranscriptLocator(Path.of(configDir));
        }
        String home = env.get("HOME");
        if (home == null || home.isBlank()) {
            home = System.getProperty("user.home");
        }
        return new TranscriptLocator(Path.of(home, ".claude"));
    }

    /** Claude Code's projects folder (as configured; it may not exist yet). */
    public Path projectsDir() {
        return projectsDir;
    }

    /**
     * The checked transcript at {@code transcriptPath}.
     *
     * @throws TranscriptException.PathRefused when the path is not an existing regular {@code .jsonl} file
     *     under the projects folder
     */
    public TranscriptFile resolve(String transcriptPath) {
        if (transcriptPath == null || transcriptPath.isBlank()) {
            throw refused("No transcript path was given.");
        }
        Path given;
        try {
            given = Path.of(transcriptPath);
        } catch (InvalidPathException e) {
            throw refused("The transcript path is not a valid path: " + e.getReason() + ".");
        }
        if (!given.isAbsolute()) {
            throw refused("The transcript path must be absolute, got " + transcriptPath + ".");
        }
        Path root = realRoot();
        Path real;
        try {
            real = given.toRealPath();
        } catch (NoSuchFileException e) {
            throw refused("No transcript exists at " + transcriptPath + ".");
        } catch (IOException e) {
            throw refused("Cannot read the transcript path " + transcriptPath + ": " + e.getMessage() + ".");
        }
        if (!real.startsWith(root) || real.equals(root)) {
            throw refused("Refusing to read " + transcriptPath + ": transcripts are read only from Claude Code's"
                    + " projects folder " + root + ".");
        }
        if (!real.getFileName().toString().endsWith(".jsonl")) {
            throw refused("Refusing to read " + transcriptPath + ": a transcript is a .jsonl file.");
        }
        if (!Files.isRegularFile(real)) {
            throw refused("Refusing to read " + transcriptPath + ": it is not a regular file.");
        }
        return new TranscriptFile(real);
    }

    /**
     * The transcript of a session, {@code projects/<any project>/<sessionId>.jsonl}; the most recently
     * modified one if several projects have it.
     */
    public Optional<TranscriptFile> findBySessionId(String sessionId) {
        if (sessionId == null || !SESSION_ID.matcher(sessionId).matches()) {
            throw refused("Not a valid session id: " + sessionId + ".");
        }
        if (!Files.isDirectory(projectsDir)) {
            return Optional.empty();
        }
        Path best = null;
        FileTime bestTime = null;
        try (DirectoryStream<Path> projects = Files.newDirectoryStream(projectsDir, Files::isDirectory)) {
            for (Path project : projects) {
                Path candidate = project.resolve(sessionId + ".jsonl");
                if (Files.isRegularFile(candidate)) {
                    FileTime t = Files.getLastModifiedTime(candidate);
                    if (bestTime == null || t.compareTo(bestTime) > 0) {
                        best = candidate;
                        bestTime = t;
                    }
                }
            }
        } catch (IOException e) {
            throw new TranscriptException(
                    "Cannot list Claude Code's projects folder " + projectsDir + ": " + e.getMessage() + ".", e);
        }
        return best == null ? Optional.empty() : Optional.of(resolve(best.toString()));
    }

    private Path realRoot() {
        try {
            return projectsDir.toRealPath();
        } catch (IOException e) {
            throw refused("Claude Code's projects folder " + projectsDir + " does not exist, so there is no"
                    + " transcript to read.");
        }
    }

    private static TranscriptException.PathRefused refused(String message) {
        return new TranscriptException.PathRefused(message);
    }
}
