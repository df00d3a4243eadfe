package dev.claudemesh.install;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;

/** Finds the jar this code was loaded from (the shaded claudemesh jar), if it was loaded from a jar. */
public final class RunningJar {
    private RunningJar() {}

    /** The jar file, or null when running from a classes folder (IDE, unit tests). */
    public static Path find() {
        try {
            CodeSource source = RunningJar.class.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                return null;
            }
            Path path = Path.of(source.getLocation().toURI());
            return Files.isRegularFile(path) ? path : null;
        } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
            return null;
        }
    }
}
