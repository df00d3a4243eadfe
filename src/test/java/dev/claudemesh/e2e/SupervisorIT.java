package dev.claudemesh.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudemesh.session.ProcessInfo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The supervisor end to end: the real claude (pinned, offline, fake API) under {@code claudemesh [claude args]}
 * — realtime delivery by typing into an idle session, the typing guard, and {@code claudemesh -c}.
 */
class SupervisorIT {
    static final Duration T = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    MeshWorld w;

    @BeforeEach
    void setUp() throws Exception {
        w = new MeshWorld(tmp);
        assertThat(w.install().code()).isZero();
    }

    @AfterEach
    void tearDown() {
        w.close();
    }

    private JsonNode awaitSupervised(String folder) throws Exception {
        JsonNode s = await("the supervisor of " + folder + " attached")
                .atMost(T)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> w.awaitSession(folder), n -> n.path("supervised").asBoolean());
        assertThat(s.path("supervised").asBoolean())
                .as("supervisor attached: " + s)
                .isTrue();
        return s;
    }

    /**
     * Claude writes to the user's terminal itself, nothing relayed: its stdout is the terminal the supervisor was
     * given, its stdin the supervisor's PTY. That the terminal may keep its output processing rests on claude keeping
     * output processing on its own terminal in raw mode ({@code opost onlcr}), checked here on the pinned claude.
     */
    @Test
    void claude_writes_to_the_users_terminal_itself_and_keeps_output_processing_on() throws Exception {
        try (ClaudeProcess cb = w.supervised(w.folder("beta"))) {
            awaitSupervised("beta");
            ProcessHandle claude = cb.handle()
                    .descendants()
                    .filter(p -> Set.of("claude", "claude.exe").contains(ProcessInfo.name(p.pid())))
                    .findFirst()
                    .orElseThrow(() ->
                            new AssertionError("no claude under " + cb.handle().pid()));
            long supervisor = claude.parent().orElseThrow().pid();
            Path in = Files.readSymbolicLink(Path.of("/proc/" + claude.pid() + "/fd/0"));
            Path out = Files.readSymbolicLink(Path.of("/proc/" + claude.pid() + "/fd/1"));
            assertThat(out).isEqualTo(Files.readSymbolicLink(Path.of("/proc/" + supervisor + "/fd/1")));
            assertThat(in).isNotEqualTo(out);
            Process stty = new ProcessBuilder("stty", "-a", "-F", in.toString())
                    .redirectErrorStream(true)
                    .start();
            List<String> modes =
                    List.of(new String(stty.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("[\\s;]+"));
            assertThat(stty.waitFor()).isZero();
            assertThat(modes).as("claude's modes on its terminal").contains("opost", "onlcr", "-icanon", "-echo");
            cb.submit("ping through the terminal");
            w.api.awaitMainRequestContaining("ping through the terminal", T);
        }
    }

    /**
     * Ctrl-Z with no job-control shell above the supervisor (this harness, the tray's terminal tabs): claude suspends
     * itself, its SIGTSTP is discarded in its orphaned process group, and the supervisor continues it at once; the
     * draft typed before is kept and submitting still works. Without that, claude stays "suspended" for good.
     */
    @Test
    void ctrl_z_without_a_shell_above_brings_claude_back_with_its_draft() throws Exception {
        try (ClaudeProcess cb = w.supervised(w.folder("beta"))) {
            awaitSupervised("beta");
            cb.type("draft before ctrl-z");
            cb.awaitScreen("draft before ctrl-z", T);
            cb.type("\u001a");
            int suspended = cb.outputMark();
            cb.awaitOutput("suspended", T);
            cb.awaitOutputAfter(suspended, "draft before ctrl-z", T); // redrawn: claude was continued
            cb.type(" and after\r");
            RecordedRequest r = w.api.awaitMainRequestContaining("draft before ctrl-z and after", T);
            assertThat(r.lastTurnText()).contains("draft before ctrl-z and after");
        }
    }

    @Test
    void an_idle_supervised_claude_gets_a_task_typed_in_and_acked() throws Exception {
        Path beta = w.folder("beta");
        try (ClaudeProcess cb = w.supervised(beta)) {
            String b = awaitSupervised("beta").path("id").asText();
            cb.submit("warm up");
            w.api.awaitMainRequestContaining("warm up", T);
            w.awaitIdle(b, true);
            long sentAt = System.nanoTime();
            MeshWorld.Run sent = w.cli("send", "beta", "TYPED-TASK-4 rebuild the index");
            assertThat(sent.code()).as(sent.err()).isZero();
            assertThat(sent.err()).contains("woken now");
            RecordedRequest r;
            try {
                r = w.api.awaitMainRequestContaining("TYPED-TASK-4", T);
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "\nscreen:\n" + cb.screenText(), e);
            }
            System.out.println("[e2e] send -> model request through the supervisor: "
                    + (r.arrivalNanos() - sentAt) / 1_000_000 + " ms");
            String mid = sent.out().trim();
            assertThat(r.lastTurnText()).contains(mid);
            w.awaitAcked(mid);
        }
    }

    /**
     * The supervisor types a task as one write, the bracketed paste with Enter right after it; a paste far over
     * the PTY's 4 KiB input buffer (claude reads it in many chunks) must still be submitted once, whole.
     */
    @Test
    void a_long_multi_line_task_typed_in_one_write_is_submitted_whole_and_acked() throws Exception {
        Path beta = w.folder("beta");
        try (ClaudeProcess cb = w.supervised(beta)) {
            String b = awaitSupervised("beta").path("id").asText();
            cb.submit("warm up");
            w.api.awaitMainRequestContaining("warm up", T);
            w.awaitIdle(b, true);
            StringBuilder body = new StringBuilder();
            for (int i = 0; i < 300; i++) {
                body.append("LONG-TASK line ")
                        .append(i)
                        .append(' ')
                        .append("x".repeat(60))
                        .append('\n');
            }
            body.append("LONG-TASK-END");
            MeshWorld.Run sent = w.cli("send", "beta", body.toString());
            assertThat(sent.code()).as(sent.err()).isZero();
            String mid = sent.out().trim();
            RecordedRequest r;
            try {
                r = w.api.awaitMainRequestContaining("LONG-TASK-END", T);
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "\nscreen:\n" + cb.screenText(), e);
            }
            assertThat(r.lastTurnText()).contains(mid, "LONG-TASK line 0 x", "LONG-TASK line 299 x");
            w.awaitAcked(mid);
            w.awaitIdle(b, true);
            assertThat(w.api.mainRequests().stream()
                            .filter(q -> q.lastTurnText().contains("LONG-TASK-END"))
                            .count())
                    .as("typed and submitted once")
                    .isEqualTo(1);
        }
    }

    @Test
    void nothing_is_typed_while_the_user_is_typing_until_they_submit() throws Exception {
        Path beta = w.folder("beta");
        try (ClaudeProcess cb = w.supervised(beta)) {
            String b = awaitSupervised("beta").path("id").asText();
            cb.submit("warm up");
            w.api.awaitMainRequestContaining("warm up", T);
            w.awaitIdle(b, true);
            int before = w.api.requestCount();
            String draft = "please look at the flaky test";
            cb.type(draft.substring(0, 3));
            MeshWorld.Run sent = w.cli("send", "beta", "GUARDED-TASK-8 check the logs");
            assertThat(sent.code()).isZero();
            for (char ch : draft.substring(3).toCharArray()) { // a slow typist: a key every 150 ms
                cb.type(String.valueOf(ch));
                Thread.sleep(150);
            }
            Thread.sleep(1_500); // stopped typing, but the draft is still in the input line
            assertThat(w.api.requestCount())
                    .as("nothing typed over the user's draft")
                    .isEqualTo(before);
            cb.type("\r");
            RecordedRequest user = w.api.awaitMainRequestContaining(draft, T);
            assertThat(user.promptText()).contains(draft).doesNotContain("GUARDED-TASK-8 check the logs\n" + draft);
            // the task reaches claude with (hook context) or right after (typed) the user's own prompt
            RecordedRequest task = w.api.awaitMainRequestContaining("GUARDED-TASK-8", T);
            assertThat(task.index()).isGreaterThanOrEqualTo(user.index());
            w.awaitAcked(sent.out().trim());
        }
    }

    @Test
    void dash_c_resumes_the_latest_conversation_under_the_supervisor() throws Exception {
        Path alpha = w.folder("alpha");
        String id;
        try (ClaudeProcess first = w.supervised(alpha)) {
            id = awaitSupervised("alpha").path("id").asText();
            first.submit("remember the word MARMALADE-5");
            w.api.awaitMainRequestContaining("MARMALADE-5", T);
            first.awaitScreen("ok", T);
            first.exit(T);
        }
        try (ClaudeProcess again = w.supervised(alpha, "-c")) {
            JsonNode s = awaitSupervised("alpha");
            again.submit("what was the word?");
            RecordedRequest r = w.api.awaitMainRequestContaining("what was the word?", T);
            assertThat(r.messagesText()).contains("MARMALADE-5");
            assertThat(s.path("id").asText())
                    .as("--continue keeps the claudemesh id")
                    .isEqualTo(id);
        }
    }
}
