package dev.claudemesh.install;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A claudemesh app made by {@code packaging/package} (jpackage): the jar in {@code <root>/lib/app/} and its own
 * Java runtime in {@code <root>/lib/runtime/}, installed by the .deb in {@code /opt/claudemesh}. Install runs such
 * a jar where it is, on its runtime, so a package upgrade reaches Claude Code's hooks without a copy going stale.
 */
public record AppBundle(Path root, Path jar, Path java) {
    public AppBundle {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(jar, "jar");
        Objects.requireNonNull(java, "java");
    }

    /**
     * The bundle {@code jar} belongs to when {@code java} is that bundle's own runtime ({@code lib/app/x.jar}
     * next to {@code lib/runtime/bin/java}), else empty: a source build, or a bundled jar run by another java.
     */
    public static Optional<AppBundle> of(Path jar, Path java) {
        if (jar == null || java == null) {
            return Optional.empty();
        }
        Path appDir = jar.toAbsolutePath().normalize().getParent();
        if (appDir == null
                || appDir.getFileName() == null
                || !appDir.getFileName().toString().equals("app")) {
            return Optional.empty();
        }
        Path runtime = appDir.resolveSibling("runtime");
        Path javaPath = java.toAbsolutePath().normalize();
        if (!javaPath.equals(runtime.resolve("bin").resolve("java")) || !Files.isExecutable(javaPath)) {
            return Optional.empty();
        }
        Path lib = appDir.getParent();
        Path root = lib.getParent() != null ? lib.getParent() : lib;
        return Optional.of(new AppBundle(root, jar.toAbsolutePath().normalize(), javaPath));
    }

    /** The bundle this process runs from, if it runs from one. */
    public static Optional<AppBundle> current() {
        return of(RunningJar.find(), Path.of(currentJava()));
    }

    /**
     * The java executable of this JVM: {@code java.home/bin/java}, which is also right under jpackage's native
     * launcher (whose process command is the launcher, not java); the process command or {@code java} otherwise.
     */
    public static String currentJava() {
        String home = System.getProperty("java.home");
        if (home != null) {
            Path java = Path.of(home, "bin", "java");
            if (Files.isExecutable(java)) {
                return java.toString();
            }
        }
        return ProcessHandle.current().info().command().orElse("java");
    }

    /** jpackage's native launcher, {@code <root>/bin/claudemesh} (what the desktop and autostart entries run). */
    public Path launcher() {
        return root.resolve("bin").resolve("claudemesh");
    }
}
