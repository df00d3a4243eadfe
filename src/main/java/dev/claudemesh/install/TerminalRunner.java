package dev.claudemesh.install;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Runs a command in a fresh pseudo-terminal, as a user's terminal would: the supervisor's training run needs one
 * (without a terminal the supervisor takes its no-PTY path). Given to the trainer by the CLI, which may use pty4j.
 */
@FunctionalInterface
public interface TerminalRunner {
    /**
     * Runs {@code command} with exactly {@code env} in {@code directory}, everything it writes to the terminal
     * copied to {@code output}; kills it when it outlasts {@code timeout}.
     *
     * @return its exit code, or empty when it timed out
     */
    OptionalInt run(List<String> command, Map<String, String> env, Path directory, Path output, Duration timeout)
            throws IOException, InterruptedException;
}
