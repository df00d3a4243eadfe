package dev.claudemesh.install;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What the start-up archives were trained for when install runs a jar in place (a package's): the jar's path, size
 * and modification time and the java. A package upgrade changes the jar under the archives; the JVM would then
 * ignore them silently, so install compares the stamp and trains them again.
 */
record ArchiveStamp(String text) {
    ArchiveStamp {
        Objects.requireNonNull(text, "text");
    }

    static ArchiveStamp of(Path jar, String java) throws IOException {
        return new ArchiveStamp(jarPart(jar) + "java=" + java + "\n");
    }

    /** True when the stamp was made for {@code jar} as it is now (any java). */
    boolean describes(Path jar) throws IOException {
        return text.startsWith(jarPart(jar));
    }

    private static String jarPart(Path jar) throws IOException {
        return "jar=" + jar + "\nsize=" + Files.size(jar) + "\nmtime="
                + Files.getLastModifiedTime(jar).toMillis() + "\n";
    }

    static Optional<ArchiveStamp> read(Path file) {
        try {
            return Files.isRegularFile(file) ? Optional.of(new ArchiveStamp(Files.readString(file))) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** True when {@code file} holds this stamp. */
    boolean matches(Path file) {
        return read(file).map(this::equals).orElse(false);
    }
}
