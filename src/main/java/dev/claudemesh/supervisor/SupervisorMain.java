package dev.claudemesh.supervisor;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Entry point of {@code claudemesh [claude args]}: runs claude in a PTY behind the user's terminal with realtime
 * delivery, or without a PTY (and without delivery) when stdin or stdout is not a terminal. Returns the exit code
 * for {@code System.exit}; the caller should exit promptly (a daemon thread may still be blocked reading the
 * terminal).
 */
public final class SupervisorMain {
    private SupervisorMain() {}

    /**
     * @param claudeArgs arguments for claude, passed unchanged
     * @param env the complete environment for claude (also read for CLAUDEMESH_CLAUDE_BIN, PATH, CLAUDEMESH_HOME)
     * @param feedOrNull connects to the daemon once claude runs; {@code null} for a plain passthrough
     */
    public static int run(List<String> claudeArgs, Map<String, String> env, TaskFeedFactory feedOrNull) {
        return run(claudeArgs, env, feedOrNull, SupervisorListener.NONE, SupervisorConfig.defaults(env), System.err);
    }

    public static int run(
            List<String> claudeArgs,
            Map<String, String> env,
            TaskFeedFactory feedOrNull,
            SupervisorListener listener,
            SupervisorConfig config,
            PrintStream err) {
        Path directory = Path.of("").toAbsolutePath();
        Optional<Path> binary = ClaudeBinary.resolve(env, directory);
        if (binary.isEmpty()) {
            err.println(ClaudeBinary.notFoundMessage(env));
            return ClaudeBinary.NOT_FOUND_EXIT;
        }
        List<String> command = new ArrayList<>();
        command.add(binary.get().toString());
        command.addAll(claudeArgs);
        try {
            if (!Posix.stdinAndStdoutAreTerminals()) {
                return NoPtyRunner.run(command, env, directory, listener, err);
            }
            return new PtySupervisor(config, listener, err).run(command, env, directory, feedOrNull);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }
}
