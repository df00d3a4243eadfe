package dev.claudemesh.install;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The config half of {@code claudemesh doctor}: is the launcher there, are the hooks, status line,
 * permission and MCP entry present, ours, current and pointing at a launcher that exists. Reads only.
 */
public final class InstallCheck {
    private final InstallPaths paths;
    private final MeshEntries expected;

    public InstallCheck(InstallPaths paths) {
        this.paths = Objects.requireNonNull(paths);
        this.expected = new MeshEntries(paths.launcher());
    }

    public static InstallCheck fromEnv(Map<String, String> env) throws InstallException {
        return new InstallCheck(InstallPaths.fromEnv(env));
    }

    public List<Check> run() {
        List<Check> checks = new ArrayList<>();
        checks.add(launcher());
        checks.add(archive("startup archive", paths.cdsArchive(), "hooks start slower"));
        checks.add(archive(
                "supervisor archive", paths.supervisorCdsArchive(), "`claudemesh [claude args]` starts claude later"));
        try {
            ObjectNode settings = LoadedConfig.load(paths.settingsFile()).root();
            for (String event : MeshEntries.EVENTS) {
                checks.add(hook(settings, event, event));
            }
            checks.add(hook(settings, "Stop", MeshEntries.STOP_WAITER));
            checks.add(statusLine(settings.get("statusLine")));
            checks.add(permission(settings));
        } catch (InstallException e) {
            checks.add(new Check("settings.json", Check.Status.INVALID, e.getMessage()));
        }
        try {
            checks.add(mcpServer(LoadedConfig.load(paths.claudeJson()).root()));
        } catch (InstallException e) {
            checks.add(new Check(".claude.json", Check.Status.INVALID, e.getMessage()));
        }
        return checks;
    }

    private Check launcher() {
        Path launcher = paths.launcher();
        if (!Files.exists(launcher)) {
            return new Check("launcher", Check.Status.MISSING, launcher + " does not exist; run `claudemesh install`");
        }
        if (!Files.isExecutable(launcher)) {
            return new Check("launcher", Check.Status.STALE, launcher + " is not executable; run `claudemesh install`");
        }
        Path jar = launchedJar();
        if (!Files.isRegularFile(jar)) {
            return new Check("launcher", Check.Status.STALE, jar + " is missing; run `claudemesh install`");
        }
        return new Check("launcher", Check.Status.PRESENT, launcher.toString());
    }

    /** The jar the installed launcher runs: a package's own (in place), else the copy in the home. */
    private Path launchedJar() {
        try {
            return LauncherScript.jarOf(Files.readString(paths.launcher())).orElse(paths.jar());
        } catch (IOException e) {
            return paths.jar();
        }
    }

    /** A start-up archive: there, and made for the jar the launcher runs now (else the JVM ignores it). */
    private Check archive(String name, Path jsa, String without) {
        try {
            if (!Files.isRegularFile(jsa)) {
                return new Check(
                        name, Check.Status.MISSING, "no " + jsa + "; " + without + " (re-run `claudemesh install`)");
            }
            Path jar = launchedJar();
            Optional<ArchiveStamp> stamp = ArchiveStamp.read(paths.archiveStamp());
            boolean stale = stamp.isPresent()
                    ? Files.isRegularFile(jar) && !stamp.get().describes(jar)
                    : Files.isRegularFile(jar)
                            && Files.getLastModifiedTime(jsa).compareTo(Files.getLastModifiedTime(jar)) < 0;
            if (stale) {
                return new Check(
                        name,
                        Check.Status.STALE,
                        jsa + " was made for another " + jar + "; re-run `claudemesh install`");
            }
        } catch (IOException e) {
            return new Check(name, Check.Status.STALE, "cannot read " + jsa + ": " + e.getMessage());
        }
        return new Check(name, Check.Status.PRESENT, jsa.toString());
    }

    private Check hook(ObjectNode settings, String event, String name) {
        String check = "hook " + name;
        List<JsonNode> ours = new ArrayList<>();
        for (JsonNode group : settings.path("hooks").path(event)) {
            for (JsonNode hook : group.path("hooks")) {
                List<String> words = MeshEntries.isOurHook(hook)
                        ? ShellWords.split(
                                MeshEntries.coreOf(hook.path("command").textValue()))
                        : List.of();
                if (words.size() >= 3
                        && words.get(1).equals("hook")
                        && words.get(2).equals(name)) {
                    ours.add(hook);
                }
            }
        }
        if (ours.isEmpty()) {
            return new Check(check, Check.Status.MISSING, "no claudemesh " + name + " hook in " + paths.settingsFile());
        }
        if (ours.size() > 1) {
            return new Check(
                    check,
                    Check.Status.STALE,
                    name + " hook appears " + ours.size() + " times; re-run `claudemesh install`");
        }
        return current(check, ours.get(0), entries -> wantedHook(entries, event, name));
    }

    private static JsonNode wantedHook(MeshEntries entries, String event, String name) {
        for (ObjectNode group : entries.hookGroups(event)) {
            JsonNode hook = group.path("hooks").path(0);
            if (hook.path("command").textValue().endsWith(" hook " + name)) {
                return hook;
            }
        }
        throw new IllegalStateException("no hook " + name + " under " + event);
    }

    private Check statusLine(JsonNode status) {
        String name = "status line";
        if (status == null) {
            return new Check(name, Check.Status.MISSING, "no statusLine in " + paths.settingsFile());
        }
        if (SettingsPatch.isOurStatusLine(status)) {
            return current(name, status, MeshEntries::statusLine);
        }
        String command = status.path("command").asText(status.toString());
        if (StatusLineSnippet.includesBadge(command)) {
            return new Check(name, Check.Status.PRESENT, "your own status line includes the claudemesh badge");
        }
        return new Check(
                name,
                Check.Status.FOREIGN,
                "the status line runs `" + command
                        + "`; `claudemesh install --dry-run` shows how to add the claudemesh badge to it");
    }

    private Check permission(ObjectNode settings) {
        for (JsonNode entry : settings.path("permissions").path("allow")) {
            if (MeshEntries.PERMISSION.equals(entry.textValue())) {
                return new Check("permission", Check.Status.PRESENT, MeshEntries.PERMISSION + " is allowed");
            }
        }
        return new Check(
                "permission",
                Check.Status.MISSING,
                MeshEntries.PERMISSION
                        + " is not in permissions.allow; in -p mode the claudemesh tools will be denied");
    }

    private Check mcpServer(ObjectNode claudeJson) {
        String name = "MCP server";
        JsonNode server = claudeJson.path("mcpServers").path(MeshEntries.SERVER_NAME);
        if (server.isMissingNode()) {
            return new Check(name, Check.Status.MISSING, "no mcpServers.claudemesh in " + paths.claudeJson());
        }
        if (!MeshEntries.isOurServer(server)) {
            return new Check(
                    name,
                    Check.Status.FOREIGN,
                    "mcpServers.claudemesh in " + paths.claudeJson()
                            + " does not run `claudemesh mcp`; `claudemesh install` replaces it");
        }
        String launcher = server.path("command").textValue();
        return withLauncher(name, launcher, server.equals(entriesFor(launcher).mcpServer()), "mcp", false);
    }

    /** Whether {@code actual} is what install writes ({@code wanted} of the entries for the launcher it runs). */
    private Check current(String name, JsonNode actual, Function<MeshEntries, JsonNode> wanted) {
        String command = actual.path("command").textValue();
        String launcher = MeshEntries.launcherOf(command);
        List<String> words = ShellWords.split(MeshEntries.coreOf(command));
        String verb = String.join(" ", words.subList(1, words.size()));
        boolean asInstalled = actual.equals(wanted.apply(entriesFor(launcher)));
        return withLauncher(name, launcher, asInstalled, verb, QuietPrompt.isQuiet(command));
    }

    /** The entries install writes for {@code launcher} when it is one of ours, else for the JVM launcher. */
    private MeshEntries entriesFor(String launcher) {
        Path p = Path.of(launcher);
        return p.equals(HookPath.thinLauncher(paths)) ? MeshEntries.thin(paths) : expected;
    }

    private Check withLauncher(String name, String launcher, boolean asInstalled, String verb, boolean quiet) {
        Path path = Path.of(launcher);
        if (!path.isAbsolute() || !Files.isRegularFile(path) || !Files.isExecutable(path)) {
            return new Check(
                    name,
                    Check.Status.STALE,
                    "points at " + launcher + ", which is not an executable file; run `claudemesh install`");
        }
        if (!asInstalled) {
            return new Check(
                    name,
                    Check.Status.STALE,
                    "differs from what `claudemesh install` writes for " + paths.launcher() + " (it runs " + launcher
                            + "); run `claudemesh install`");
        }
        return new Check(
                name,
                Check.Status.PRESENT,
                "runs " + launcher + " [" + HookPath.describe(paths, launcher, verb, quiet) + "]");
    }
}
