package dev.claudemesh.install;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Where install reads and writes: Claude Code's user {@code settings.json} and {@code .claude.json}, and
 * claudemesh's own folder with the stable launcher.
 */
public record InstallPaths(Path settingsFile, Path claudeJson, Path meshHome) {
    public InstallPaths {
        Objects.requireNonNull(settingsFile, "settingsFile");
        Objects.requireNonNull(claudeJson, "claudeJson");
        Objects.requireNonNull(meshHome, "meshHome");
        if (!settingsFile.isAbsolute() || !claudeJson.isAbsolute() || !meshHome.isAbsolute()) {
            throw new IllegalArgumentException("install paths must be absolute");
        }
    }

    /**
     * Resolves the paths from an environment: {@code CLAUDE_CONFIG_DIR} (settings.json and .claude.json
     * both inside it) else {@code $HOME/.claude/settings.json} and {@code $HOME/.claude.json};
     * {@code CLAUDEMESH_HOME} else {@code $HOME/.claudemesh}. Empty variables count as unset.
     */
    public static InstallPaths fromEnv(Map<String, String> env) throws InstallException {
        String configDir = value(env, "CLAUDE_CONFIG_DIR");
        String meshHome = value(env, "CLAUDEMESH_HOME");
        String home = value(env, "HOME");
        if (home == null && (configDir == null || meshHome == null)) {
            throw new InstallException("HOME is not set; set HOME (or CLAUDE_CONFIG_DIR and CLAUDEMESH_HOME).");
        }
        Path settings;
        Path claudeJson;
        if (configDir != null) {
            Path dir = absolute(configDir);
            settings = dir.resolve("settings.json");
            claudeJson = dir.resolve(".claude.json");
        } else {
            settings = absolute(home).resolve(".claude").resolve("settings.json");
            claudeJson = absolute(home).resolve(".claude.json");
        }
        Path mesh = meshHome != null ? absolute(meshHome) : absolute(home).resolve(".claudemesh");
        return new InstallPaths(settings, claudeJson, mesh);
    }

    /** The launcher every Claude Code entry points at. */
    public Path launcher() {
        return meshHome.resolve("bin").resolve("claudemesh");
    }

    /** The copy of the claudemesh jar the launcher runs. */
    public Path jar() {
        return meshHome.resolve("lib").resolve("claudemesh.jar");
    }

    /** The class-data-sharing archive made for {@link #jar()} at install time. */
    public Path cdsArchive() {
        return meshHome.resolve("lib").resolve("claudemesh.jsa");
    }

    /** The class-data-sharing archive of claudemesh's own commands through picocli, and of the daemon. */
    public Path cliCdsArchive() {
        return meshHome.resolve("lib").resolve("claudemesh-cli.jsa");
    }

    /**
     * The class-data-sharing archive of the supervisor ({@code claudemesh [claude args]}): pty4j, JNA and the
     * terminal pumps, none of which the CLI's archive holds.
     */
    public Path supervisorCdsArchive() {
        return meshHome.resolve("lib").resolve("claudemesh-supervisor.jsa");
    }

    /** The class-data-sharing archive of the MCP server path (its classes differ from the hooks'). */
    public Path mcpCdsArchive() {
        return meshHome.resolve("lib").resolve("claudemesh-mcp.jsa");
    }

    /** What the archives were trained for when the jar runs in place (a package's jar): see ArchiveStamp. */
    public Path archiveStamp() {
        return meshHome.resolve("lib").resolve("archives.stamp");
    }

    /** What install created in Claude Code's files, so uninstall can put them back exactly. */
    public Path stateFile() {
        return meshHome.resolve("install-state.json");
    }

    private static String value(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isEmpty() ? null : v;
    }

    private static Path absolute(String path) {
        return Path.of(path).toAbsolutePath().normalize();
    }
}
