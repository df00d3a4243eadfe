package dev.claudemesh.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.pty4j.PtyProcess;
import com.pty4j.WinSize;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The real {@code claude} (pinned Claude Code, see {@link ClaudeBinary}) running offline against a
 * {@link FakeAnthropicApi} with a throwaway {@link ClaudeHome}: in print mode ({@code -p}, pipes) or
 * interactively in a pseudo-terminal (pty4j, 120x40, {@code TERM=xterm-256color}).
 *
 * <p>A scenario test:
 *
 * <pre>{@code
 * @Test
 * void note_reaches_the_next_prompt(@TempDir Path tmp) throws Exception {
 *     Path work = Files.createDirectories(tmp.resolve("work"));
 *     try (FakeAnthropicApi api = FakeAnthropicApi.start()) {
 *         ClaudeHome home = ClaudeHome.create(tmp.resolve("home")).trustProject(work);
 *         // ... run `claudemesh install` with HOME=home.home() here ...
 *         api.enqueue(Reply.text("hello back"));
 *         try (ClaudeProcess claude = ClaudeProcess.builder(home, api)
 *                 .cwd(work)
 *                 .env("CLAUDEMESH_HOME", tmp.resolve("mesh").toString())
 *                 .startInteractive()) {
 *             claude.awaitPrompt(Duration.ofSeconds(20));
 *             claude.submit("hi there");
 *             RecordedRequest turn = api.awaitMainRequestContaining("hi there", Duration.ofSeconds(20));
 *             assertThat(turn.lastTurnText()).contains("hi there");
 *             claude.awaitScreen("hello back", Duration.ofSeconds(10));
 *         } // close(): "/exit", then SIGTERM, then SIGKILL for claude and everything it started
 *     }
 * }
 * }</pre>
 *
 * <p>Print mode: {@code builder(home, api).cwd(work).runPrint("hello", timeout)} returns a {@link PrintResult};
 * {@code startPrint(prompt)} runs it in the background (e.g. with a {@link Hold} keeping the session alive).
 * {@link ClaudeProcessBuilder#command} runs something else in claude's place (e.g. the claudemesh launcher as a PTY
 * supervisor); the claude arguments are appended to it. Output is available raw, as plain text (escapes
 * stripped, cursor moves as spaces/line breaks: {@link #output()}, {@link #awaitOutput}) and as an emulated
 * screen ({@link #screenText()}, {@link #awaitScreen}). Every process this class starts is ended in
 * {@link #close()}, including descendants seen while it ran (hooks, MCP servers, background waiters), and by a
 * JVM shutdown hook as a last resort: a test that wants to see a child end by itself checks before closing.
 *
 * <p>Scripting the model: {@link FakeAnthropicApi#enqueue} queues replies for the next main-conversation turns
 * ({@link Reply#text}, {@link Reply#toolUse}, {@link Reply#hold}); {@link FakeAnthropicApi#respondWith} sets
 * the fallback (default text "ok"). Several claudes may share one fake API: tell their requests apart with
 * {@link RecordedRequest#workingDirectory()} or {@link RecordedRequest#claudeSessionId()}. {@link HookRecorder}
 * records the stdin of each hook firing next to the hooks {@code claudemesh install} configured.
 *
 * <p>Observed with 2.1.332 on a 2-core box: {@code -p} start to first model request about 0.3 s; the
 * interactive prompt shows after 0.35-0.6 s and typing is accepted as soon as it shows; Enter to model request
 * 0.15-0.4 s (longer with slow UserPromptSubmit hooks). A held streaming reply kept {@code -p} alive for
 * 200 s without a retry.
 */
public final class ClaudeProcess implements AutoCloseable {

    /** Claude Code's prompt marker: '❯' and a no-break space. */
    public static final String PROMPT = "❯\u00a0";

    private static final Duration EXIT_GRACE = Duration.ofSeconds(3);

    private final Process process;
    private final ProcessHandle handle;
    private final boolean interactive;
    private final long startNanos;
    private final TerminalOutput output;
    private final TerminalOutput errors;
    private final List<Thread> readers = new ArrayList<>();
    private final Set<ProcessHandle> seen = ConcurrentHashMap.newKeySet();
    private final Thread shutdownHook;
    private final Thread tracker;
    private volatile boolean closed;

    ClaudeProcess(Process process, boolean interactive, long startNanos, int cols, int rows) {
        this.process = process;
        this.handle = handleOf(process);
        this.interactive = interactive;
        this.startNanos = startNanos;
        this.output = new TerminalOutput(interactive ? "claude terminal" : "claude stdout", cols, rows);
        this.errors = new TerminalOutput("claude stderr", cols, rows);
        readers.add(output.pumpFrom(process.getInputStream()));
        if (!interactive) {
            readers.add(errors.pumpFrom(process.getErrorStream()));
        } else {
            errors.end();
        }
        if (handle != null) {
            seen.add(handle);
        }
        this.tracker = new Thread(this::trackDescendants, "e2e-claude-tracker-" + process.pid());
        tracker.setDaemon(true);
        tracker.start();
        this.shutdownHook = new Thread(this::killEverything, "e2e-claude-cleanup-" + process.pid());
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** pty4j's process has no {@code toHandle()}: look it up by pid; null if it already ended and was reaped. */
    private static ProcessHandle handleOf(Process process) {
        try {
            return process.toHandle();
        } catch (UnsupportedOperationException e) {
            return ProcessHandle.of(process.pid()).orElse(null);
        }
    }

    public static ClaudeProcessBuilder builder(ClaudeHome home, FakeAnthropicApi api) {
        return new ClaudeProcessBuilder(home, api);
    }

    public long pid() {
        return process.pid();
    }

    public ProcessHandle handle() {
        if (handle == null) {
            throw new IllegalStateException("claude (pid " + pid() + ") ended before it could be tracked");
        }
        return handle;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public boolean isInteractive() {
        return interactive;
    }

    /** {@link System#nanoTime()} just before the process was started. */
    public long startNanos() {
        return startNanos;
    }

    /** Time from start to {@code request} (e.g. the first model request). */
    public Duration timeTo(RecordedRequest request) {
        return Duration.ofNanos(request.arrivalNanos() - startNanos);
    }

    // ---- output

    /** Terminal (interactive) or stdout (print mode) as plain text: escapes stripped, see class doc. */
    public String output() {
        return output.plainText();
    }

    /** Everything written, escape sequences included. */
    public String rawOutput() {
        return output.decoded();
    }

    /** What the terminal shows now (emulated screen; interactive mode). */
    public String screenText() {
        return output.screenText();
    }

    /** A position in {@link #output()}; pass it to {@link #awaitOutputAfter} to look only at newer output. */
    public int outputMark() {
        return output.mark();
    }

    public String awaitOutput(String literal, Duration timeout) {
        return awaitOutputAfter(0, Pattern.compile(Pattern.quote(literal)), timeout);
    }

    public String awaitOutput(Pattern pattern, Duration timeout) {
        return awaitOutputAfter(0, pattern, timeout);
    }

    public String awaitOutputAfter(int mark, String literal, Duration timeout) {
        return awaitOutputAfter(mark, Pattern.compile(Pattern.quote(literal)), timeout);
    }

    /** Waits until output written after {@code mark} matches; returns the matched text. */
    public String awaitOutputAfter(int mark, Pattern pattern, Duration timeout) {
        return output.awaitPlain(mark, pattern, timeout);
    }

    /** Waits until the screen shows {@code text}; returns the screen. */
    public String awaitScreen(String text, Duration timeout) {
        return output.awaitScreen(screen -> screen.contains(text), "the screen to show \"" + text + "\"", timeout);
    }

    public String awaitScreen(Predicate<String> condition, Duration timeout) {
        return output.awaitScreen(condition, "the screen to satisfy a condition", timeout);
    }

    /** Waits until claude's input prompt ({@link #PROMPT}) is on screen; claude accepts typing from then on. */
    public String awaitPrompt(Duration timeout) {
        return output.awaitScreen(screen -> screen.contains(PROMPT), "claude's ❯ prompt", timeout);
    }

    public String stdout() {
        return output.decoded();
    }

    public String stderr() {
        return errors.decoded();
    }

    /** Print mode: the stream-json events written so far. */
    public List<JsonNode> streamJsonEvents() {
        return PrintResult.parseEvents(stdout());
    }

    // ---- input (interactive)

    /** Writes raw text to the terminal, as if typed or pasted in one go. */
    public void type(String text) {
        requireInteractive();
        try {
            OutputStream in = process.getOutputStream();
            in.write(text.getBytes(StandardCharsets.UTF_8));
            in.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write to claude's terminal (pid " + pid() + ")", e);
        }
    }

    /** Types {@code text}, then Enter as a separate write 30 ms later, so claude submits it. */
    public void submit(String text) {
        type(text);
        sleep(Duration.ofMillis(30));
        type("\r");
    }

    public void resize(int cols, int rows) {
        requireInteractive();
        ((PtyProcess) process).setWinSize(new WinSize(cols, rows));
        output.resize(cols, rows);
    }

    // ---- lifecycle

    /** Waits for the process to end and returns its exit code. */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("claude (pid " + pid() + ") still running after " + timeout.toMillis()
                        + " ms. Output tail:\n" + TerminalOutput.tail(output(), 3000) + "\nstderr tail:\n"
                        + TerminalOutput.tail(stderr(), 2000));
            }
            for (Thread reader : readers) {
                reader.join(2000);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting for claude to exit", e);
        }
    }

    /** Interactive: types {@code /exit} and waits for claude to end; returns the exit code. */
    public int exit(Duration timeout) {
        submit("/exit");
        return awaitExit(timeout);
    }

    public PrintResult printResult() {
        if (process.isAlive()) {
            throw new IllegalStateException("claude (pid " + pid() + ") is still running");
        }
        return new PrintResult(process.exitValue(), stdout(), stderr());
    }

    /** Ends claude and everything it started: {@code /exit} (interactive), then SIGTERM, then SIGKILL. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (handle != null) {
            seen.addAll(ProcessTree.snapshot(handle));
        }
        if (interactive && process.isAlive()) {
            try {
                submit("/exit");
                process.waitFor(EXIT_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RuntimeException e) {
                // the terminal is already gone: fall through to signals
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        killEverything();
        tracker.interrupt();
        for (Thread reader : readers) {
            try {
                reader.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: nothing to remove
        }
    }

    private void killEverything() {
        if (handle != null) {
            ProcessTree.terminate(handle, Set.copyOf(seen), EXIT_GRACE);
        }
        process.destroyForcibly();
    }

    private void trackDescendants() {
        while (!closed && handle != null && process.isAlive()) {
            handle.descendants().forEach(seen::add);
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void requireInteractive() {
        if (!interactive) {
            throw new IllegalStateException("claude was started in print mode: it has no terminal to type into");
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
