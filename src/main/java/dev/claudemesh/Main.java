package dev.claudemesh;

import dev.claudemesh.cli.CliMain;
import dev.claudemesh.hook.HookMain;
import dev.claudemesh.mcp.McpMain;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Entry point. The hot internal paths claude runs on every prompt ({@code hook}, {@code statusline}) are
 * dispatched before anything heavy loads; anything that is not a claudemesh subcommand runs claude under
 * the supervisor; the rest goes to picocli.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("hook")) {
            System.exit(HookMain.main(Arrays.copyOfRange(args, 1, args.length), false));
        }
        if (args.length > 0 && args[0].equals("mcp")) {
            System.exit(McpMain.main(Arrays.copyOfRange(args, 1, args.length), System.getenv()));
        }
        if (args.length > 0 && args[0].equals("statusline")) {
            System.exit(HookMain.main(new String[0], true));
        }
        List<String> claudeArgs = claudeArgs(args);
        if (claudeArgs != null) {
            int exit = dev.claudemesh.supervisor.SupervisorCommand.run(claudeArgs, System.getenv());
            System.out.flush();
            System.err.flush();
            // The terminal is already restored; skip shutdown hooks (libraries' take ~300 ms) so the user's
            // shell is back the moment claude is gone.
            Runtime.getRuntime().halt(exit);
        }
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(CliMain.run(args, System.getenv(), System.in, out, err));
    }

    /** The arguments for claude when this is a supervisor launch, else null (a claudemesh subcommand). */
    static List<String> claudeArgs(String[] args) {
        if (args.length == 0) {
            return List.of();
        }
        if (args[0].equals("run") || args[0].equals("--")) {
            return List.of(args).subList(1, args.length);
        }
        String first = args[0].equals("--verbose") && args.length > 1 ? args[1] : args[0];
        if (CliMain.SUBCOMMANDS.contains(first) || CliMain.OWN_FLAGS.contains(first)) {
            return null;
        }
        return List.of(args);
    }
}
