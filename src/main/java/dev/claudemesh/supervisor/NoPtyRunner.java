package dev.claudemesh.supervisor;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Runs claude without a PTY, sharing our stdin/stdout/stderr, when they are not all terminals (pipes, files, CI).
 * Ctrl-C in a terminal reaches claude directly (same process group), so we ignore SIGINT rather than die before
 * claude; TERM and HUP sent to us are passed on to claude; its exit code becomes ours.
 */
final class NoPtyRunner {
    static final String NOTICE =
            "claudemesh: stdin or stdout is not a terminal, so claude runs without a PTY and realtime delivery is off.";

    private NoPtyRunner() {}

    static int run(
            List<String> command, Map<String, String> env, Path directory, SupervisorListener listener, PrintStream err)
            throws InterruptedException {
        err.println(NOTICE);
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(directory.toFile()).inheritIO();
        builder.environment().clear();
        builder.environment().putAll(env);
        Process child;
        try {
            child = builder.start();
        } catch (IOException e) {
            err.println("claudemesh: cannot start " + command.get(0) + ": " + e.getMessage());
            return 126;
        }
        try (SignalHandlers signals = new SignalHandlers()) {
            signals.handle("TERM", () -> Posix.signal(child.pid(), Posix.SIGTERM));
            signals.handle("HUP", () -> Posix.signal(child.pid(), Posix.SIGHUP));
            signals.handle("INT", () -> {});
            listener.childStarted(child.toHandle(), false);
            int exit = child.waitFor();
            listener.childExited(exit);
            return exit;
        }
    }
}
