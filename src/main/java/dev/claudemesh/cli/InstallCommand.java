package dev.claudemesh.cli;

import dev.claudemesh.install.AppBundle;
import dev.claudemesh.install.CdsTrainer;
import dev.claudemesh.install.InstallException;
import dev.claudemesh.install.InstallPaths;
import dev.claudemesh.install.Installer;
import dev.claudemesh.install.LauncherScript;
import dev.claudemesh.install.RunningJar;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code claudemesh install}: the launcher, Claude Code hooks, status line and MCP server. */
@Command(
        name = "install",
        description = {
            "Wire claudemesh into Claude Code: hooks, status line, MCP server and a stable launcher.",
            "Installs the launcher in CLAUDEMESH_HOME and adds claudemesh's hooks, status line, MCP permission and"
                    + " MCP server to Claude Code's user configuration (CLAUDE_CONFIG_DIR or ~/.claude).",
            "Other tools' entries are left alone; running it again updates claudemesh's entries in place."
        })
public final class InstallCommand implements Callable<Integer> {
    @Option(names = "--dry-run", description = "Show the changes as a diff and write nothing.")
    boolean dryRun;

    @Option(names = "--no-cds", description = "Skip the training run that makes the startup archive.")
    boolean noCds;

    @Option(
            names = "--jar",
            paramLabel = "<path>",
            description = "The claudemesh jar to install (default: the jar running this command).")
    Path jar;

    @Option(
            names = "--java",
            paramLabel = "<path>",
            description = "The java the launcher runs (default: the java running this command).")
    String java;

    @Option(
            names = "--hooks",
            paramLabel = "auto|thin|jvm",
            description =
                    "How hooks, the status line and the MCP server reach the daemon: thin (POSIX sh with bash /dev/tcp"
                            + " or curl, no JVM per prompt or per session), jvm (the JVM launcher), or auto (thin where curl 7.84+ and /proc exist; the default).")
    String hooks = "auto";

    @Mixin
    HelpOption help;

    private final Map<String, String> env;
    private final PrintWriter out;
    private final PrintWriter err;

    public InstallCommand() {
        this(System.getenv(), writer(System.out), writer(System.err));
    }

    /** For in-process use and tests: the environment (HOME, CLAUDE_CONFIG_DIR, CLAUDEMESH_HOME) and streams. */
    public InstallCommand(Map<String, String> env, PrintWriter out, PrintWriter err) {
        this.env = Map.copyOf(Objects.requireNonNull(env));
        this.out = Objects.requireNonNull(out);
        this.err = Objects.requireNonNull(err);
    }

    @Override
    public Integer call() throws InstallException {
        try {
            InstallPaths paths = InstallPaths.fromEnv(env);
            CdsTrainer trainer = CdsTrainer.jvm(Duration.ofSeconds(60), new PtyTerminalRunner());
            Installer installer = new Installer(paths, out, trainer);
            Path source = jar != null ? jar.toAbsolutePath() : RunningJar.find();
            String javaPath = java != null ? java : LauncherScript.currentJava();
            // a package's jar on its own runtime runs in place, so package upgrades reach the hooks
            boolean inPlace = AppBundle.of(source, Path.of(javaPath)).isPresent();
            installer.hookPath(dev.claudemesh.install.HookPathChooser.choose(hooks, env));
            installer.ownWords(CliMain.ownWords());
            installer.install(new Installer.Options(source, javaPath, dryRun, !noCds, inPlace));
            return ExitCodes.OK;
        } finally {
            out.flush();
            err.flush();
        }
    }

    static PrintWriter writer(PrintStream stream) {
        return new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
    }
}
