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

/**
 * Puts the stable launcher in place: {@code bin/claudemesh}, the CDS archives and, for a source build, the jar
 * copied to {@code lib/claudemesh.jar}. A package's jar ({@code inPlace}) is run where it is: the package owns and
 * upgrades it, so the archives carry an {@link ArchiveStamp} and are trained again when the jar changed.
 */
final class LauncherInstaller {
    private static final Set<PosixFilePermission> EXECUTABLE = PosixFilePermissions.fromString("rwxr-xr-x");
    private static final Set<PosixFilePermission> PRIVATE_DIR = PosixFilePermissions.fromString("rwx------");

    private final InstallPaths paths;
    private final String java;
    private final boolean inPlace;
    private final Set<String> ownWords;

    LauncherInstaller(InstallPaths paths, String java) {
        this(paths, java, false, Set.of());
    }

    /** @param ownWords claudemesh's own command words, see {@link LauncherScript} */
    LauncherInstaller(InstallPaths paths, String java, boolean inPlace, Set<String> ownWords) {
        this.paths = Objects.requireNonNull(paths);
        this.java = Objects.requireNonNull(java);
        this.inPlace = inPlace;
        this.ownWords = Set.copyOf(ownWords);
    }

    /** One line describing what {@link #install} would do. */
    String plan(Path sourceJar) throws InstallException {
        checkJar(sourceJar);
        boolean same = jarUnchanged(sourceJar) && scriptUnchanged(sourceJar);
        return (same ? "unchanged " : "would write ") + paths.launcher() + " (runs " + runJar(sourceJar) + " on " + java
                + ")";
    }

    /** Copies the jar and writes the launcher; trains the CDS archive when {@code trainer} is given. */
    String install(Path sourceJar, CdsTrainer trainer) throws InstallException {
        checkJar(sourceJar);
        boolean jarChanged = !jarUnchanged(sourceJar);
        boolean scriptChanged = !scriptUnchanged(sourceJar);
        List<String> notes = new ArrayList<>();
        try {
            privateDir(paths.meshHome());
            privateDir(paths.jar().getParent());
            privateDir(paths.launcher().getParent());
            if (jarChanged || scriptChanged) {
                Files.deleteIfExists(paths.cdsArchive());
                Files.deleteIfExists(paths.mcpCdsArchive());
                Files.deleteIfExists(paths.cliCdsArchive());
                Files.deleteIfExists(paths.supervisorCdsArchive());
            }
        } catch (IOException e) {
            throw new InstallException("cannot prepare " + paths.meshHome() + ": " + e.getMessage() + ".", e);
        }
        if (jarChanged && !inPlace) {
            ConfigFile.copyAtomically(sourceJar, paths.jar(), ConfigFile.PRIVATE);
            notes.add("jar copied");
        }
        if (inPlace) {
            dropCopiedJar(notes);
        }
        if (scriptChanged) {
            byte[] script = launcherScript(sourceJar).render().getBytes(StandardCharsets.UTF_8);
            ConfigFile.writeAtomically(paths.launcher(), script, EXECUTABLE);
        }
        if (trainer != null && !Files.exists(paths.cdsArchive())) {
            Optional<String> failure = trainer.train(java, runJar(sourceJar), paths.cdsArchive());
            notes.add(failure.map(why -> "no startup archive: " + why).orElse("startup archive made"));
            if (!Files.exists(paths.mcpCdsArchive())) {
                // optional: without it the MCP server just starts slower
                trainer.trainMcp(java, runJar(sourceJar), paths.mcpCdsArchive());
            }
            if (!Files.exists(paths.cliCdsArchive())) {
                trainer.trainCli(java, runJar(sourceJar), paths.cliCdsArchive());
            }
            if (!Files.exists(paths.supervisorCdsArchive())) {
                // without it `claudemesh [claude args]` starts slower; doctor says so
                trainer.trainSupervisor(java, runJar(sourceJar), paths.supervisorCdsArchive())
                        .ifPresent(why -> notes.add("no supervisor startup archive: " + why));
            }
            writeStamp(sourceJar);
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
                paths.launcher(),
                paths.jar(),
                paths.cdsArchive(),
                paths.mcpCdsArchive(),
                paths.cliCdsArchive(),
                paths.supervisorCdsArchive(),
                paths.archiveStamp());
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

    /** The jar the launcher runs: the package's own, or the copy of a source build's. */
    private Path runJar(Path sourceJar) {
        return inPlace ? sourceJar : paths.jar();
    }

    private LauncherScript launcherScript(Path sourceJar) {
        return new LauncherScript(java, runJar(sourceJar), paths, ownWords);
    }

    /** A copy left by an earlier install from a source build: the launcher no longer runs it. */
    private void dropCopiedJar(List<String> notes) throws InstallException {
        try {
            if (Files.deleteIfExists(paths.jar())) {
                notes.add("old jar copy removed");
            }
        } catch (IOException e) {
            throw new InstallException("cannot remove " + paths.jar() + ": " + e.getMessage() + ".", e);
        }
    }

    private void writeStamp(Path sourceJar) throws InstallException {
        if (!inPlace) {
            return;
        }
        try {
            byte[] stamp = ArchiveStamp.of(sourceJar, java).text().getBytes(StandardCharsets.UTF_8);
            ConfigFile.writeAtomically(paths.archiveStamp(), stamp, ConfigFile.PRIVATE);
        } catch (IOException e) {
            throw new InstallException("cannot write " + paths.archiveStamp() + ": " + e.getMessage() + ".", e);
        }
    }

    private boolean jarUnchanged(Path sourceJar) throws InstallException {
        if (inPlace) {
            try {
                return ArchiveStamp.of(sourceJar, java).matches(paths.archiveStamp());
            } catch (IOException e) {
                throw new InstallException("cannot read " + sourceJar + ": " + e.getMessage(), e);
            }
        }
        Path target = paths.jar();
        try {
            return Files.exists(target)
                    && (Files.isSameFile(sourceJar, target) || Files.mismatch(sourceJar, target) == -1);
        } catch (IOException e) {
            throw new InstallException("cannot compare " + sourceJar + " with " + target + ": " + e.getMessage(), e);
        }
    }

    private boolean scriptUnchanged(Path sourceJar) {
        try {
            return Files.isExecutable(paths.launcher())
                    && Files.readString(paths.launcher())
                            .equals(launcherScript(sourceJar).render());
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
