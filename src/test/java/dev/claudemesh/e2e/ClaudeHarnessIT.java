package dev.claudemesh.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Proves the end-to-end harness against the real pinned claude binary. */
class ClaudeHarnessIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    private FakeAnthropicApi api;
    private ClaudeHome home;
    private Path work;

    @BeforeEach
    void setUp() throws IOException {
        api = FakeAnthropicApi.start();
        work = Files.createDirectories(tmp.resolve("work"));
        home = ClaudeHome.create(tmp.resolve("home")).trustProject(work);
    }

    @AfterEach
    void tearDown() {
        api.close();
    }

    @Test
    void the_pinned_claude_version_is_installed() throws Exception {
        Process version = new ProcessBuilder(ClaudeBinary.locate().toString(), "--version")
                .redirectErrorStream(true)
                .start();
        assertThat(version.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String text = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(text).startsWith(ClaudeBinary.PINNED_VERSION + " ");
    }

    @Test
    void print_mode_sends_the_prompt_and_prints_the_scripted_reply() {
        api.enqueue(Reply.text("scripted reply 42"));
        PrintResult result;
        RecordedRequest first;
        try (ClaudeProcess claude = ClaudeProcess.builder(home, api).cwd(work).startPrint("hello")) {
            first = api.awaitRequest(RecordedRequest::isMessages, TIMEOUT);
            assertThat(claude.awaitExit(TIMEOUT)).isZero();
            result = claude.printResult();
            log("print mode: start -> first model request "
                    + claude.timeTo(first).toMillis() + " ms");
        }
        RecordedRequest main = api.awaitMainRequestContaining("hello", TIMEOUT);
        assertThat(main.lastTurnText()).contains("hello");
        assertThat(main.isStreaming()).isTrue();
        assertThat(main.claudeSessionId()).isNotBlank();
        assertThat(main.workingDirectory()).contains(work.toString());
        assertThat(result.resultText()).contains("scripted reply 42");
        assertThat(result.events())
                .anySatisfy(e -> assertThat(e.path("type").asText()).isEqualTo("assistant"))
                .anySatisfy(e -> assertThat(e.path("subtype").asText()).isEqualTo("init"));
        log("print mode requests: "
                + api.requests().stream().map(RecordedRequest::summary).toList());
    }

    @Test
    void interactive_claude_shows_the_prompt_answers_and_clears() {
        HookRecorder hooks = HookRecorder.install(home, tmp.resolve("hooks"));
        api.respondWith(Responder.echo("echo: "));
        long pid;
        try (ClaudeProcess claude = ClaudeProcess.builder(home, api).cwd(work).startInteractive()) {
            pid = claude.pid();
            claude.awaitPrompt(TIMEOUT);
            log("interactive: start -> prompt visible "
                    + Duration.ofNanos(System.nanoTime() - claude.startNanos()).toMillis() + " ms");
            JsonNode started = hooks.await("SessionStart", TIMEOUT);
            assertThat(started.path("source").asText()).isEqualTo("startup");

            long typed = System.nanoTime();
            claude.submit("hi there");
            RecordedRequest turn = api.awaitMainRequestContaining("hi there", TIMEOUT);
            log("interactive: submit -> model request " + (turn.arrivalNanos() - typed) / 1_000_000 + " ms");
            claude.awaitScreen("echo: hi there", TIMEOUT);
            assertThat(claude.output()).contains("echo: hi there");
            hooks.await("Stop", s -> s.path("last_assistant_message").asText().contains("echo: hi there"), TIMEOUT);

            claude.submit("/clear");
            JsonNode cleared = hooks.await(
                    "SessionStart", s -> "clear".equals(s.path("source").asText()), TIMEOUT);
            assertThat(cleared.path("session_id").asText())
                    .isNotEqualTo(started.path("session_id").asText());
            hooks.await("SessionEnd", s -> "clear".equals(s.path("reason").asText()), TIMEOUT);
            claude.awaitScreen(screen -> !screen.contains("echo: hi there"), TIMEOUT);

            claude.awaitPrompt(TIMEOUT);
            claude.submit("after the clear");
            RecordedRequest fresh = api.awaitMainRequestContaining("after the clear", TIMEOUT);
            assertThat(fresh.messagesText()).doesNotContain("hi there");

            assertThat(claude.exit(TIMEOUT)).isZero();
            hooks.await(
                    "SessionEnd",
                    s -> "prompt_input_exit".equals(s.path("reason").asText()),
                    TIMEOUT);
        }
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true));
    }

    @Test
    void hooks_fire_with_the_documented_stdin_in_print_mode() {
        HookRecorder hooks = HookRecorder.install(home, tmp.resolve("hooks"));
        api.enqueue(Reply.text("hook reply"));
        PrintResult result = ClaudeProcess.builder(home, api).cwd(work).runPrint("hello hooks", TIMEOUT);
        assertThat(result.exitCode()).isZero();

        JsonNode start = hooks.await("SessionStart", TIMEOUT);
        String session = start.path("session_id").asText();
        assertThat(start.path("source").asText()).isEqualTo("startup");
        assertThat(start.path("cwd").asText()).isEqualTo(work.toString());
        assertThat(start.path("transcript_path").asText())
                .isEqualTo(home.transcriptPath(work, session).toString());
        JsonNode prompt = hooks.await("UserPromptSubmit", TIMEOUT);
        assertThat(prompt.path("prompt").asText()).isEqualTo("hello hooks");
        JsonNode stop = hooks.await("Stop", TIMEOUT);
        assertThat(stop.path("stop_hook_active").asBoolean(true)).isFalse();
        assertThat(stop.path("last_assistant_message").asText()).isEqualTo("hook reply");
        JsonNode end = hooks.await("SessionEnd", TIMEOUT);
        assertThat(end.path("reason").asText()).isEqualTo("other");
        for (JsonNode stdin : List.of(start, prompt, stop, end)) {
            assertThat(stdin.path("session_id").asText()).isEqualTo(session);
            assertThat(stdin.path("hook_event_name").asText()).isNotBlank();
        }
    }

    @Test
    void hook_context_and_stop_feedback_are_visible_in_the_recorded_requests() throws IOException {
        Path flag = tmp.resolve("blocked-once");
        home.addHook(
                "UserPromptSubmit",
                "echo '{\"hookSpecificOutput\":{\"hookEventName\":\"UserPromptSubmit\","
                        + "\"additionalContext\":\"CONTEXT-MARKER-7\"}}'");
        home.addHook(
                "Stop",
                "[ -e " + HookRecorder.shellQuote(flag.toString()) + " ] || { touch "
                        + HookRecorder.shellQuote(flag.toString())
                        + "; echo '{\"decision\":\"block\",\"reason\":\"FEEDBACK-MARKER-9\"}'; }");
        PrintResult result;
        try (ClaudeProcess claude = ClaudeProcess.builder(home, api).cwd(work).startPrint("with hooks")) {
            claude.awaitExit(TIMEOUT);
            result = claude.printResult();
            log("stop block in -p: requests at "
                    + api.requests().stream()
                            .map(r -> claude.timeTo(r).toMillis() + " ms")
                            .toList()
                    + ", exit at "
                    + Duration.ofNanos(System.nanoTime() - claude.startNanos()).toMillis() + " ms");
        }

        assertThat(result.exitCode()).isZero();
        RecordedRequest first = api.awaitMainRequestContaining("with hooks", TIMEOUT);
        assertThat(first.lastTurnText()).contains("CONTEXT-MARKER-7");
        RecordedRequest followUp = api.awaitMainRequestContaining("FEEDBACK-MARKER-9", TIMEOUT);
        assertThat(followUp.lastTurnText()).contains("FEEDBACK-MARKER-9").doesNotContain("CONTEXT-MARKER-7");
        log("stop feedback turn: " + followUp.lastTurnText().replace('\n', ' '));
    }

    @Test
    void an_async_rewake_stop_hook_wakes_an_idle_interactive_claude() {
        Path flag = tmp.resolve("woken-once");
        Path exited = tmp.resolve("hook-exited");
        home.addHook(
                "Stop",
                "[ -e " + HookRecorder.shellQuote(flag.toString()) + " ] && exit 0; touch "
                        + HookRecorder.shellQuote(flag.toString()) + "; sleep 1; echo WAKE-MARKER-5 >&2; touch "
                        + HookRecorder.shellQuote(exited.toString()) + "; exit 2",
                java.util.Map.of("asyncRewake", true));
        try (ClaudeProcess claude = ClaudeProcess.builder(home, api).cwd(work).startInteractive()) {
            claude.awaitPrompt(TIMEOUT);
            claude.submit("first turn");
            RecordedRequest wake = api.awaitMainRequestContaining("WAKE-MARKER-5", TIMEOUT);
            long hookExit = exited.toFile().lastModified();
            log("asyncRewake: hook exit -> model request ~"
                    + (System.currentTimeMillis() - hookExit - (System.nanoTime() - wake.arrivalNanos()) / 1_000_000)
                    + " ms (file mtime resolution)");
            assertThat(wake.lastTurnText()).contains("WAKE-MARKER-5");
        }
    }

    @Test
    void a_tool_use_naming_an_unknown_tool_does_not_hang() {
        api.enqueue(Reply.toolUse("mcp__claudemesh__list_instances", "{}"), Reply.text("done after the tool"));
        PrintResult result = ClaudeProcess.builder(home, api).cwd(work).runPrint("use the tool", TIMEOUT);

        RecordedRequest followUp =
                api.awaitRequest(r -> r.isMain() && !r.toolResults().isEmpty(), TIMEOUT);
        JsonNode toolResult = followUp.toolResults().get(0);
        log("unknown tool result: " + toolResult + "; exit " + result.exitCode());
        assertThat(toolResult.path("is_error").asBoolean()).isTrue();
        assertThat(result.resultText()).contains("done after the tool");
    }

    @Test
    void a_held_reply_keeps_a_print_session_alive_until_released() {
        Hold hold = Hold.then(Reply.text("released at last"));
        api.enqueue(Reply.hold(hold));
        try (ClaudeProcess claude = ClaudeProcess.builder(home, api).cwd(work).startPrint("wait for it")) {
            RecordedRequest held = hold.awaitHeld(TIMEOUT);
            assertThat(held.lastTurnText()).contains("wait for it");
            assertThat(claude.handle()
                            .onExit()
                            .completeOnTimeout(null, 2, TimeUnit.SECONDS)
                            .join())
                    .isNull();
            assertThat(claude.isAlive()).isTrue();

            hold.release();
            assertThat(claude.awaitExit(TIMEOUT)).isZero();
            assertThat(claude.printResult().resultText()).contains("released at last");
        }
    }

    @Test
    void closing_leaves_no_claude_process_behind() {
        String marker = "37." + (100000 + new java.util.Random().nextInt(900000));
        home.addHook("SessionEnd", "sleep " + marker);
        Set<ProcessHandle> tree;
        try (ClaudeProcess claude = ClaudeProcess.builder(home, api).cwd(work).startInteractive()) {
            claude.awaitPrompt(TIMEOUT);
            tree = ProcessTree.snapshot(claude.handle());
        }
        assertThat(tree).noneMatch(ProcessHandle::isAlive);
        assertThat(ProcessHandle.allProcesses())
                .noneMatch(p -> p.info()
                        .arguments()
                        .map(a -> List.of(a).contains(marker))
                        .orElse(false));
    }

    @Test
    void closing_a_busy_wrapped_claude_ends_the_wrapper_and_claude() {
        Hold hold = Hold.untilReleased();
        api.enqueue(Reply.hold(hold));
        ProcessHandle wrapper;
        ProcessHandle claudeChild;
        long closing;
        try (ClaudeProcess claude = ClaudeProcess.builder(home, api)
                .cwd(work)
                .command(List.of(
                        "/bin/sh",
                        "-c",
                        "\"$0\" \"$@\"; exit $?",
                        ClaudeBinary.locate().toString()))
                .startInteractive()) {
            claude.awaitPrompt(TIMEOUT);
            claude.submit("keep me busy");
            hold.awaitHeld(TIMEOUT);
            wrapper = claude.handle();
            claudeChild = wrapper.children().findFirst().orElseThrow();
            assertThat(claudeChild.info().command())
                    .hasValueSatisfying(c -> assertThat(c).doesNotEndWith("/sh"));
            closing = System.nanoTime();
        }
        log("closing a busy wrapped claude took " + (System.nanoTime() - closing) / 1_000_000 + " ms");
        assertThat(wrapper.isAlive()).isFalse();
        assertThat(claudeChild.isAlive()).isFalse();
    }

    private static void log(String line) {
        System.out.println("[e2e] " + line);
    }
}
