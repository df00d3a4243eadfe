package dev.claudemesh.cli;

import dev.claudemesh.install.CdsTrainer;
import dev.claudemesh.install.InstallException;
import dev.claudemesh.install.InstallPaths;
import dev.claudemesh.install.Installer;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code claudemesh uninstall}: removes exactly what install added. */
@Command(
        name = "uninstall",
        description = {
            "Remove exactly what install added to Claude Code, and the launcher.",
            "Removes claudemesh's hooks, status line, MCP permission and MCP server from Claude Code's user"
                    + " configuration, and the launcher from CLAUDEMESH_HOME. Everything else is left as it was;"
                    + " claudemesh's data in CLAUDEMESH_HOME is kept."
        })
public final class UninstallCommand implements Callable<Integer> {
    @Option(names = "--dry-run", description = "Show the changes as a diff and write nothing.")
    boolean dryRun;

    @Mixin
    HelpOption help;

    private final Map<String, String> env;
    private final PrintWriter out;
    private final PrintWriter err;

    public UninstallCommand() {
        this(System.getenv(), InstallCommand.writer(System.out), InstallCommand.writer(System.err));
    }

    /** For in-process use and tests: the environment (HOME, CLAUDE_CONFIG_DIR, CLAUDEMESH_HOME) and streams. */
    public UninstallCommand(Map<String, String> env, PrintWriter out, PrintWriter err) {
        this.env = Map.copyOf(Objects.requireNonNull(env));
        this.out = Objects.requireNonNull(out);
        this.err = Objects.requireNonNull(err);
    }

    @Override
    public Integer call() throws InstallException {
        try {
            new Installer(InstallPaths.fromEnv(env), out, CdsTrainer.jvm(Duration.ofSeconds(60))).uninstall(dryRun);
            return ExitCodes.OK;
        } finally {
            out.flush();
            err.flush();
        }
    }
}
