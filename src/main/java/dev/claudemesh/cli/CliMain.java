package dev.claudemesh.cli;

import dev.claudemesh.Version;
import dev.claudemesh.client.ApiException;
import dev.claudemesh.client.DaemonUnavailableException;
import dev.claudemesh.config.MeshConfig;
import dev.claudemesh.session.InvalidInputException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
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
    /** Subcommand names; anything else on the command line is an argument for claude. */
    public static final List<String> SUBCOMMANDS = List.of(
            "list",
            "whoami",
            "send",
            "status",
            "daemon",
            "help",
            "install",
            "uninstall",
            "doctor",
            "history",
            "search",
            "run",
            "mcp",
            "tray");

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
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> handle(e, err, verbose));
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
        cl.addSubcommand("list", new ListCommand(ctx));
        cl.addSubcommand("whoami", new WhoamiCommand(ctx));
        cl.addSubcommand("send", new SendCommand(ctx));
        cl.addSubcommand("status", new StatusCommand(ctx));
        cl.addSubcommand("daemon", new DaemonCommand(ctx));
        cl.addSubcommand("install", new InstallCommand(ctx.env(), ctx.out(), ctx.err()));
        cl.addSubcommand("uninstall", new UninstallCommand(ctx.env(), ctx.out(), ctx.err()));
        cl.addSubcommand("doctor", new DoctorCommand(ctx));
        cl.addSubcommand("history", new HistoryCommand(ctx));
        cl.addSubcommand("search", new SearchCommand(ctx));
        cl.addSubcommand("tray", new TrayCommand(ctx));
        cl.addSubcommand("help", new CommandLine.HelpCommand());
        return cl;
    }

    static int handle(Exception e, PrintWriter err, boolean verbose) {
        int code;
        if (e instanceof DaemonUnavailableException) {
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
                ? e.getMessage()
                : e.toString();
        err.println("claudemesh: " + msg);
        if (verbose) {
            e.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    /** A command failure whose message is meant for the user as is. */
    public static class CliException extends RuntimeException {
        public CliException(String message) {
            super(message);
        }
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"claudemesh " + Version.current()};
        }
    }
}
