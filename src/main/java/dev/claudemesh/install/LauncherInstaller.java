package dev.claudemesh.install;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** Puts the stable launcher in place: {@code lib/claudemesh.jar}, {@code bin/claudemesh}, the CDS archive. */
final class LauncherInstaller {
    private static final Set<PosixFilePermission> EXECUTABLE = PosixFilePermissions.fromString("rwxr-xr-x");
    private static final Set<PosixFilePermission> PRIVATE_DIR = PosixFilePermissions.fromString("rwx------");

    private final InstallPaths paths;
    private final String java;

    LauncherInstaller(InstallPaths paths, String java) {
        this.paths = Objects.requireNonNull(paths);
        this.java = Objects.requireNonNull(java);
    }

    /** One line describing what {@link #install} would do. */
    String plan(Path sourceJar) throws InstallException {
        checkJar(sourceJar);
        boolean same = jarUnchanged(sourceJar) && scriptUnchanged();
        return (same ? "unchanged " : "would write ") + paths.launcher() + " (runs " + paths.jar() + " on " + java
                + ")";
    }

    /** Copies the jar and writes the launcher; trains the CDS archive when {@code trainer} is given. */
    String install(Path sourceJar, CdsTrainer trainer) throws InstallException {
        checkJar(sourceJar);
        boolean jarChanged = !jarUnchanged(sourceJar);
        boolean scriptChanged = !scriptUnchanged();
        List<String> notes = new ArrayList<>();
        try {
            privateDir(paths.meshHome());
            privateDir(paths.jar().getParent());
            privateDir(paths.launcher().getParent());
            if (jarChanged || scriptChanged) {
                Files.deleteIfExists(paths.cdsArchive());
                Files.deleteIfExists(paths.mcpCdsArchive());
                Files.deleteIfExists(paths.cliCdsArchive());
            }
        } catch (IOException e) {
            throw new InstallException("cannot prepare " + paths.meshHome() + ": " + e.getMessage() + ".", e);
        }
        if (jarChanged) {
            ConfigFile.copyAtomically(sourceJar, paths.jar(), ConfigFile.PRIVATE);
            notes.add("jar copied");
        }
        if (scriptChanged) {
            byte[] script = new LauncherScript(java, paths).render().getBytes(StandardCharsets.UTF_8);
            ConfigFile.writeAtomically(paths.launcher(), script, EXECUTABLE);
        }
        if (trainer != null && !Files.exists(paths.cdsArchive())) {
            Optional<String> failure = trainer.train(java, paths.jar(), paths.cdsArchive());
            notes.add(failure.map(why -> "no startup archive: " + why).orElse("startup archive made"));
            if (!Files.exists(paths.mcpCdsArchive())) {
                // optional: without it the MCP server just starts slower
                trainer.trainMcp(java, paths.jar(), paths.mcpCdsArchive());
            }
            if (!Files.exists(paths.cliCdsArchive())) {
                trainer.trainCli(java, paths.jar(), paths.cliCdsArchive());
            }
        } else if (trainer == null && !Files.exists(paths.cdsArchive())) {
            notes.add("no startup archive (--no-cds)");
        }
        String verb = jarChanged || scriptChanged ? "wrote " : "unchanged ";
        return verb + paths.launcher() + " (java " + java + (notes.isEmpty() ? "" : "; " + String.join("; ", notes))
                + ")";
    }

    /** Removes the launcher, the jar copy and the archive; returns the summary line or null if none existed. */
    String uninstall(boolean dryRun) throws InstallException {
        List<Path> files = List.of(
                paths.launcher(), paths.jar(), paths.cdsArchive(), paths.mcpCdsArchive(), paths.cliCdsArchive());
        if (files.stream().noneMatch(Files::exists)) {
            return null;
        }
        if (dryRun) {
            return "would remove " + paths.launcher() + " and " + paths.jar().getParent();
        }
        try {
            for (Path f : files) {
                Files.deleteIfExists(f);
            }
            for (Path dir : List.of(paths.launcher().getParent(), paths.jar().getParent())) {
                try {
                    Files.deleteIfExists(dir);
                } catch (DirectoryNotEmptyException keep) {
                    // someone else's files live there too
                }
            }
        } catch (IOException e) {
            throw new InstallException("cannot remove the launcher: " + e.getMessage() + ".", e);
        }
        return "removed " + paths.launcher() + " and " + paths.jar();
    }

    private void checkJar(Path sourceJar) throws InstallException {
        if (sourceJar == null || !Files.isRegularFile(sourceJar)) {
            throw new InstallException("install needs the claudemesh jar, but "
                    + (sourceJar == null ? "none was found" : sourceJar + " is not a file")
                    + "; run it as `java -jar claudemesh.jar install` or pass --jar <path>.");
        }
    }

    private boolean jarUnchanged(Path sourceJar) throws InstallException {
        Path target = paths.jar();
        try {
            return Files.exists(target)
                    && (Files.isSameFile(sourceJar, target) || Files.mismatch(sourceJar, target) == -1);
        } catch (IOException e) {
            throw new InstallException("cannot compare " + sourceJar + " with " + target + ": " + e.getMessage(), e);
        }
    }

    private boolean scriptUnchanged() {
        try {
            return Files.isExecutable(paths.launcher())
                    && Files.readString(paths.launcher()).equals(new LauncherScript(java, paths).render());
        } catch (IOException e) {
            return false;
        }
    }

    private static void privateDir(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PRIVATE_DIR);
        }
    }
}
