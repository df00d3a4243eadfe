package dev.claudemesh.e2e;

import com.pty4j.PtyProcess;
import com.pty4j.PtyProcessBuilder;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Configures and starts a {@link ClaudeProcess}: working folder (required), extra claude arguments, extra
 * environment variables on top of {@link ClaudeHome#environment}, terminal size, or another command in
 * claude's place.
 */
public final class ClaudeProcessBuilder {
    private final ClaudeHome home;
    private final FakeAnthropicApi api;
    private Path cwd;
    private List<String> command;
    private final List<String> args = new ArrayList<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private int cols = 120;
    private int rows = 40;

    ClaudeProcessBuilder(ClaudeHome home, FakeAnthropicApi api) {
        this.home = Objects.requireNonNull(home, "home");
        this.api = Objects.requireNonNull(api, "api");
    }

    /** The working folder (required). Interactive mode needs it trusted: {@link ClaudeHome#trustProject}. */
    public ClaudeProcessBuilder cwd(Path cwd) {
        this.cwd = cwd.toAbsolutePath();
        return this;
    }

    /** Extra claude arguments (e.g. {@code --allowedTools mcp__claudemesh}, {@code -c}). */
    public ClaudeProcessBuilder args(String... more) {
        args.addAll(List.of(more));
        return this;
    }

    public ClaudeProcessBuilder env(String name, String value) {
        env.put(name, value);
        return this;
    }

    public ClaudeProcessBuilder env(Map<String, String> more) {
        env.putAll(more);
        return this;
    }

    /** Runs this command instead of the claude binary, e.g. {@code List.of(launcher.toString())}. */
    public ClaudeProcessBuilder command(List<String> replacement) {
        this.command = List.copyOf(replacement);
        return this;
    }

    public ClaudeProcessBuilder terminalSize(int columns, int lines) {
        this.cols = columns;
        this.rows = lines;
        return this;
    }

    /** Starts {@code claude} in a pseudo-terminal. */
    public ClaudeProcess startInteractive() {
        List<String> cmd = commandLine(List.of());
        Map<String, String> environment = environment();
        environment.put("TERM", "xterm-256color");
        environment.put("COLUMNS", Integer.toString(cols));
        environment.put("LINES", Integer.toString(rows));
        long start = System.nanoTime();
        try {
            PtyProcess pty = new PtyProcessBuilder(cmd.toArray(String[]::new))
                    .setEnvironment(environment)
                    .setDirectory(requireCwd().toString())
                    .setInitialColumns(cols)
                    .setInitialRows(rows)
                    .setConsole(false)
                    .start();
            return new ClaudeProcess(pty, true, start, cols, rows);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + cmd + " in a pseudo-terminal", e);
        }
    }

    /** Starts {@code claude -p <prompt> --output-format stream-json --verbose} in the background. */
    public ClaudeProcess startPrint(String prompt) {
        List<String> cmd = commandLine(List.of("-p", prompt, "--output-format", "stream-json", "--verbose"));
        ProcessBuilder builder = new ProcessBuilder(cmd)
                .directory(requireCwd().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().clear();
        builder.environment().putAll(environment());
        long start = System.nanoTime();
        try {
            return new ClaudeProcess(builder.start(), false, start, 200, 50);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + cmd, e);
        }
    }

    /** Runs print mode to the end (or fails after {@code timeout}) and returns what it printed. */
    public PrintResult runPrint(String prompt, Duration timeout) {
        try (ClaudeProcess claude = startPrint(prompt)) {
            claude.awaitExit(timeout);
            return claude.printResult();
        }
    }

    private List<String> commandLine(List<String> modeArgs) {
        List<String> cmd = new ArrayList<>(
                command != null ? command : List.of(ClaudeBinary.locate().toString()));
        cmd.addAll(modeArgs);
        cmd.addAll(args);
        return cmd;
    }

    private Map<String, String> environment() {
        Map<String, String> environment = home.environment(api.baseUrl());
        environment.putAll(env);
        return environment;
    }

    private Path requireCwd() {
        if (cwd == null) {
            throw new IllegalStateException("set the working folder with cwd(...) before starting claude");
        }
        return cwd;
    }
}
