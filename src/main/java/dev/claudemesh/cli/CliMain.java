package dev.claudemesh.cli;

import dev.claudemesh.Version;
import dev.claudemesh.client.ApiException;
import dev.claudemesh.client.DaemonUnavailableException;
import dev.claudemesh.config.MeshConfig;
import dev.claudemesh.install.InstallException;
import dev.claudemesh.session.InvalidInputException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The picocli front: builds the command tree and maps every failure to one stderr line and an exit code. */
@Command(
        name = "claudemesh",
        mixinStandardHelpOptions = true,
        versionProvider = CliMain.VersionProvider.class,
        description = {
            "Lets the Claude Code sessions on this machine find each other, send each other tasks and read each"
                    + " other's history.",
            "",
            "Run `claudemesh [claude args]` (or `claudemesh run [claude args]`) to start claude under the claudemesh"
                    + " supervisor: the same claude, plus realtime task delivery.",
            "Use `claudemesh -- <args>` when a claude argument collides with a subcommand name."
        },
        footer = {
            "",
            "Exit codes: 0 ok, 1 error, 2 bad usage, 3 daemon unavailable, 127 claude not found, 130 interrupted.",
            "Files: $CLAUDEMESH_HOME (default ~/.claudemesh). Add --verbose for stack traces."
        })
public final class CliMain implements Callable<Integer> {
    /** The commands picocli runs, in help order: adding a command is one line here. */
    static final List<Subcommand> COMMANDS = List.of(
            new Subcommand("list", ListCommand::new),
            new Subcommand("whoami", WhoamiCommand::new),
            new Subcommand("send", SendCommand::new),
            new Subcommand("status", StatusCommand::new),
            new Subcommand("daemon", DaemonCommand::new),
            new Subcommand("install", c -> new InstallCommand(c.env(), c.out(), c.err())),
            new Subcommand("uninstall", c -> new UninstallCommand(c.env(), c.out(), c.err())),
            new Subcommand("doctor", DoctorCommand::new),
            new Subcommand("history", HistoryCommand::new),
            new Subcommand("search", SearchCommand::new),
            new Subcommand("index", IndexCommand::new),
            new Subcommand("tray", TrayCommand::new),
            new Subcommand("help", c -> new CommandLine.HelpCommand()));

    /** Commands {@code Main} runs itself, before picocli: the supervisor and the MCP server. */
    public static final List<String> DISPATCHED_BY_MAIN = List.of("run", "mcp");

    /** Every subcommand name; anything else on the command line is an argument for claude. */
    public static final Set<String> SUBCOMMANDS = subcommandNames();

    /** claudemesh's own options, which picocli answers (help and version) rather than claude. */
    public static final List<String> OWN_FLAGS = List.of("-h", "--help", "-V", "--version");

    /**
     * The first words that make a launch a claudemesh command rather than claude under the supervisor, for the
     * launcher's choice of start-up archive ({@code Main.claudeArgs} makes the same choice).
     */
    public static Set<String> ownWords() {
        Set<String> words = new LinkedHashSet<>(SUBCOMMANDS);
        words.addAll(OWN_FLAGS);
        return Collections.unmodifiableSet(words);
    }

    /** A picocli command by name, made for the command line's context. */
    record Subcommand(String name, Function<CliContext, Object> factory) {}

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCodes.OK;
    }

    public static int run(String[] args, Map<String, String> env, InputStream in, PrintWriter out, PrintWriter err) {
        CliContext ctx = new CliContext(env, in, out, err);
        boolean verbose = List.of(args).contains("--verbose");
        String[] rest =
                List.of(args).stream().filter(a -> !a.equals("--verbose")).toArray(String[]::new);
        CommandLine cl = commandLine(ctx);
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> handle(e, cmd.getCommandName(), err, verbose));
        cl.setParameterExceptionHandler((e, a) -> {
            err.println("claudemesh: " + e.getMessage());
            err.println("Try 'claudemesh help"
                    + (e.getCommandLine() == cl ? "" : " " + e.getCommandLine().getCommandName()) + "'.");
            return ExitCodes.USAGE;
        });
        int code = cl.execute(rest);
        out.flush();
        err.flush();
        return code;
    }

    static CommandLine commandLine(CliContext ctx) {
        CommandLine cl = new CommandLine(new CliMain());
        for (Subcommand c : COMMANDS) {
            cl.addSubcommand(c.name(), c.factory().apply(ctx));
        }
        return cl;
    }

    private static Set<String> subcommandNames() {
        Set<String> names = new LinkedHashSet<>();
        COMMANDS.forEach(c -> names.add(c.name()));
        names.addAll(DISPATCHED_BY_MAIN);
        return Collections.unmodifiableSet(names);
    }

    /** The one place a failure becomes a stderr line and an exit code. */
    static int handle(Exception e, String command, PrintWriter err, boolean verbose) {
        int code;
        if (e instanceof CliException cli) {
            code = cli.exitCode();
        } else if (e instanceof DaemonUnavailableException) {
            code = ExitCodes.DAEMON_UNAVAILABLE;
        } else if (e instanceof InvalidInputException || e instanceof MeshConfig.ConfigException) {
            code = ExitCodes.USAGE;
        } else if (e instanceof InterruptedException) {
            code = ExitCodes.INTERRUPTED;
        } else {
            code = ExitCodes.ERROR;
        }
        String msg = e instanceof ApiException
                        || e instanceof DaemonUnavailableException
                        || e instanceof InvalidInputException
                        || e instanceof CliException
                        || e instanceof MeshConfig.ConfigException
                        || e instanceof InstallException
                ? e.getMessage()
                : e.toString();
        // install and uninstall name themselves: their errors are about files the user may have to fix
        String who = e instanceof InstallException ? "claudemesh " + command : "claudemesh";
        err.println(who + ": " + Format.safeText(msg));
        if (verbose) {
            e.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    /** A command failure whose message is meant for the user as is, with its exit code (default 1). */
    public static class CliException extends RuntimeException {
        private final int exitCode;

        public CliException(String message) {
            this(ExitCodes.ERROR, message);
        }

        public CliException(int exitCode, String message) {
            super(message);
            this.exitCode = exitCode;
        }

        public int exitCode() {
            return exitCode;
        }
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"claudemesh " + Version.current()};
        }
    }
}
