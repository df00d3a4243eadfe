package dev.claudemesh.install;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Installs and uninstalls claudemesh in Claude Code's user config: the launcher, the settings.json hooks,
 * status line and permission, and the {@code .claude.json} MCP server. Both files are parsed before
 * anything is written; every write is atomic and preceded by a one-time backup. Prints one line per file.
 */
public final class Installer {
    /**
     * @param sourceJar the claudemesh jar to install (the running one in production)
     * @param java the java executable the launcher runs
     * @param cds whether to make the class-data-sharing archive with a training run
     * @param inPlace run {@code sourceJar} where it is instead of a copy (a package's jar, see {@link AppBundle})
     */
    public record Options(Path sourceJar, String java, boolean dryRun, boolean cds, boolean inPlace) {
        public Options {
            Objects.requireNonNull(java, "java");
        }

        /** A source build's install: the jar is copied next to the launcher. */
        public Options(Path sourceJar, String java, boolean dryRun, boolean cds) {
            this(sourceJar, java, dryRun, cds, false);
        }
    }

    private HookPath hookPath = HookPath.jvm("the default");
    private Set<String> ownWords = Set.of();

    private final InstallPaths paths;
    private final PrintWriter out;
    private final CdsTrainer trainer;

    public Installer(InstallPaths paths, PrintWriter out, CdsTrainer trainer) {
        this.paths = Objects.requireNonNull(paths);
        this.out = Objects.requireNonNull(out);
        this.trainer = Objects.requireNonNull(trainer);
    }

    /** Install with this hook path (see {@link HookPathChooser}); without a call, the JVM launcher. */
    public Installer hookPath(HookPath path) {
        this.hookPath = Objects.requireNonNull(path);
        return this;
    }

    /**
     * claudemesh's own first words (the CLI's subcommands and flags): the launcher gives them the CLI's start-up
     * archive and every other launch, claude under the supervisor, the supervisor's. Without a call, every launch
     * but the hooks, the MCP server, the daemon and the tray app counts as the supervisor's.
     */
    public Installer ownWords(Set<String> words) {
        this.ownWords = Set.copyOf(words);
        return this;
    }

    public void install(Options options) throws InstallException {
        MeshEntries entries = hookPath.entries(paths);
        ThinLauncherInstaller thin = new ThinLauncherInstaller(paths);
        LoadedConfig settings = LoadedConfig.load(paths.settingsFile());
        LoadedConfig claudeJson = LoadedConfig.load(paths.claudeJson());
        PatchResult s = new SettingsPatch(entries, settings.path().toString()).install(settings.root());
        PatchResult c = new ClaudeJsonPatch(entries, claudeJson.path().toString()).install(claudeJson.root());
        LauncherInstaller launcher = new LauncherInstaller(paths, options.java(), options.inPlace(), ownWords);
        if (options.dryRun()) {
            out.println(launcher.plan(options.sourceJar()));
            out.println(thin.install(hookPath, true));
            preview(settings, s.changed());
            preview(claudeJson, c.changed());
        } else {
            out.println(launcher.install(options.sourceJar(), options.cds() ? trainer : null));
            out.println(thin.install(hookPath, false));
            settings.file().checkUnchangedOnDisk();
            claudeJson.file().checkUnchangedOnDisk();
            InstallState state = InstallState.load(paths.stateFile());
            state.addCreated(settings.path(), created(settings, s));
            state.addCreated(claudeJson.path(), created(claudeJson, c));
            state.save(paths.stateFile());
            write(settings, s.changed());
            write(claudeJson, c.changed());
        }
        if (s.foreignStatusLine() != null && !StatusLineSnippet.includesBadge(s.foreignStatusLine())) {
            out.println(StatusLineSnippet.message(s.foreignStatusLine(), entries));
        }
        out.flush();
    }

    public void uninstall(boolean dryRun) throws InstallException {
        MeshEntries entries = new MeshEntries(paths.launcher());
        LoadedConfig settings = LoadedConfig.load(paths.settingsFile());
        LoadedConfig claudeJson = LoadedConfig.load(paths.claudeJson());
        InstallState state = InstallState.load(paths.stateFile());
        Set<String> sCreated = state.created(settings.path());
        Set<String> cCreated = state.created(claudeJson.path());
        PatchResult s = new SettingsPatch(entries, settings.path().toString()).uninstall(settings.root(), sCreated);
        PatchResult c =
                new ClaudeJsonPatch(entries, claudeJson.path().toString()).uninstall(claudeJson.root(), cCreated);
        LauncherInstaller launcher = new LauncherInstaller(paths, LauncherScript.currentJava());
        if (dryRun) {
            previewRemoval(settings, s.changed(), sCreated);
            previewRemoval(claudeJson, c.changed(), cCreated);
            printIfAny(launcher.uninstall(true));
            printIfAny(new ThinLauncherInstaller(paths).uninstall(true));
        } else {
            settings.file().checkUnchangedOnDisk();
            claudeJson.file().checkUnchangedOnDisk();
            removeFrom(settings, s.changed(), sCreated);
            removeFrom(claudeJson, c.changed(), cCreated);
            printIfAny(launcher.uninstall(false));
            printIfAny(new ThinLauncherInstaller(paths).uninstall(false));
            state.forget(settings.path());
            state.forget(claudeJson.path());
            state.save(paths.stateFile());
            deleteIfEmpty(paths.meshHome());
        }
        out.flush();
    }

    private static void deleteIfEmpty(Path dir) {
        try {
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // not empty (claudemesh's data lives there) or not ours to remove: keep it
        }
    }

    private static Set<String> created(LoadedConfig config, PatchResult result) {
        Set<String> created = new HashSet<>(result.created());
        if (!config.file().exists()) {
            created.add(InstallState.FILE);
        }
        return created;
    }

    private void preview(LoadedConfig config, List<String> changed) {
        if (!config.file().exists() && config.root().isEmpty()) {
            return;
        }
        if (!config.changed()) {
            out.println("unchanged " + config.path());
            return;
        }
        out.println("would " + (config.file().exists() ? "update " : "create ") + config.path() + summary(changed));
        String name = config.path().toString();
        out.print(UnifiedDiff.diff(config.file().exists() ? name : "/dev/null", config.before(), name, config.after()));
    }

    private void previewRemoval(LoadedConfig config, List<String> changed, Set<String> created) {
        if (config.file().exists() && deletable(config, created)) {
            out.println("would delete " + config.path() + " (install had created it)");
        } else if (config.file().exists()) {
            preview(config, changed);
        }
    }

    private static boolean deletable(LoadedConfig config, Set<String> created) {
        return created != null
                && created.contains(InstallState.FILE)
                && config.root().isEmpty();
    }

    private void write(LoadedConfig config, List<String> changed) throws InstallException {
        if (!config.changed()) {
            out.println("unchanged " + config.path());
            return;
        }
        boolean backedUp = config.file().backupOnce();
        config.file().replace(config.afterBytes());
        out.println((config.file().exists() ? "updated " : "created ")
                + config.path()
                + summary(changed)
                + (backedUp
                        ? " (backup: " + ConfigFile.backupPath(config.path()).getFileName() + ")"
                        : ""));
    }

    private void removeFrom(LoadedConfig config, List<String> changed, Set<String> created) throws InstallException {
        if (!config.file().exists()) {
            return;
        }
        if (deletable(config, created)) {
            config.file().delete();
            out.println("deleted " + config.path() + " (install had created it)");
            return;
        }
        if (!config.changed()) {
            out.println("unchanged " + config.path());
            return;
        }
        boolean backedUp = config.file().backupOnce();
        config.file().replace(config.afterBytes());
        out.println("updated " + config.path() + ": removed " + String.join(", ", changed)
                + (backedUp
                        ? " (backup: " + ConfigFile.backupPath(config.path()).getFileName() + ")"
                        : ""));
    }

    private static String summary(List<String> changed) {
        return changed.isEmpty() ? "" : ": " + String.join(", ", changed);
    }

    private void printIfAny(String line) {
        if (line != null) {
            out.println(line);
        }
    }
}
