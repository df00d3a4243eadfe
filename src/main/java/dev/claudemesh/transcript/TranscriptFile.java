package dev.claudemesh.transcript;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * A transcript that passed {@link TranscriptLocator#resolve}: a regular {@code .jsonl} file whose real path lies
 * under Claude Code's projects folder. Only the locator (and this package) can create one, so every reader in
 * this package is guaranteed to read a checked path.
 */
public final class TranscriptFile {
    private final Path realPath;

    TranscriptFile(Path realPath) {
        this.realPath = Objects.requireNonNull(realPath, "realPath");
    }

    /** The real (symlink-free, absolute) path of the transcript. */
    public Path path() {
        return realPath;
    }

    FileChannel open() {
        try {
            return FileChannel.open(realPath, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the transcript " + realPath + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TranscriptFile other && other.realPath.equals(realPath);
    }

    @Override
    public int hashCode() {
        return realPath.hashCode();
    }

    @Override
    public String toString() {
        return realPath.toString();
    }
}
