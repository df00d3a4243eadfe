package dev.claudemesh.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Folders a test made itself (where JUnit's {@code @TempDir} does not reach, as in jqwik's containers). */
public final class TempDirs {
    private TempDirs() {}

    /** Deletes {@code dir} and everything in it; a missing folder is fine. */
    public static void deleteTree(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
