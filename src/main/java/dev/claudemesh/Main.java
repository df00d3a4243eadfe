package dev.claudemesh;

import dev.claudemesh.cli.CliMain;
import dev.claudemesh.hook.HookMain;
import dev.claudemesh.mcp.McpMain;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Entry point. The hot internal paths claude runs on every prompt ({@code hook}, {@code statusline})
 * are dispatched before anything heavy loads; everything else goes to picocli.
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
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(CliMain.run(args, System.getenv(), System.in, out, err));
    }
}
