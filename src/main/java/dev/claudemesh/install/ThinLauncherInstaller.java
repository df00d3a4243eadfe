package dev.claudemesh.install;

import dev.claudemesh.Version;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Writes or removes {@code thin/claudemesh}, the sh + curl launcher of {@link ThinLauncherScript}. */
final class ThinLauncherInstaller {
    private final InstallPaths paths;

    ThinLauncherInstaller(InstallPaths paths) {
        this.paths = paths;
    }

    /** One line for install's output: what was (or would be) written, and which path the hooks take. */
    String install(HookPath path, boolean dryRun) throws InstallException {
        Path file = HookPath.thinLauncher(paths);
        if (path.kind() != HookPath.Kind.THIN) {
            String removed = dryRun ? null : uninstall(false);
            return "hooks, status line and MCP server run the JVM launcher (" + path.why() + ")"
                    + (removed == null ? "" : "; " + removed);
        }
        String script = new ThinLauncherScript(path.curl(), Version.current(), paths).render();
        boolean same;
        try {
            same = Files.isExecutable(file) && Files.readString(file).equals(script);
        } catch (IOException e) {
            same = false;
        }
        if (dryRun) {
            return (same ? "unchanged " : "would write ") + file + " (hooks, status line, MCP server: " + path.why()
                    + ")";
        }
        if (!same) {
            try {
                if (!Files.isDirectory(file.getParent())) {
                    Files.createDirectories(file.getParent());
                    Files.setPosixFilePermissions(file.getParent(), PosixFilePermissions.fromString("rwx------"));
                }
            } catch (IOException e) {
                throw new InstallException("cannot create " + file.getParent() + ": " + e.getMessage() + ".", e);
            }
            ConfigFile.writeAtomically(
                    file, script.getBytes(StandardCharsets.UTF_8), PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return (same ? "unchanged " : "wrote ") + file + " (hooks, status line, MCP server: " + path.why()
                + ", no JVM)";
    }

    /** Removes the thin launcher; the summary line, or null when there was none. */
    String uninstall(boolean dryRun) throws InstallException {
        Path file = HookPath.thinLauncher(paths);
        if (!Files.exists(file)) {
            return null;
        }
        if (dryRun) {
            return "would remove " + file;
        }
        try {
            Files.deleteIfExists(file);
            try {
                Files.deleteIfExists(file.getParent());
            } catch (DirectoryNotEmptyException keep) {
                // someone else's files live there too
            }
        } catch (IOException e) {
            throw new InstallException("cannot remove " + file + ": " + e.getMessage() + ".", e);
        }
        return "removed " + file;
    }
}
