package dev.claudemesh.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hooks, waiter and CLI end to end: the real claude (pinned, offline, fake API) with claudemesh installed into a temp
 * HOME — registration, notes at the next prompt, Stop handing over tasks, the background waiter waking an
 * idle interactive claude, /clear keeping the id, and uninstall restoring the config files.
 */
class ClaudeMeshIT {
    static final Duration T = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    MeshWorld w;

    @BeforeEach
    void setUp() throws Exception {
        w = new MeshWorld(tmp);
        MeshWorld.Run r = w.install();
        assertThat(r.code()).as(r.err()).isZero();
    }

    @AfterEach
    void tearDown() {
        w.close();
    }

    @Test
    void two_sessions_register_show_in_list_and_leave_when_they_exit() throws Exception {
        Path alpha = w.folder("alpha");
        Path beta = w.folder("beta");
        String a;
        String b;
        try (ClaudeProcess ca = w.interactive(alpha);
                ClaudeProcess cb = w.interactive(beta)) {
            a = w.awaitSession("alpha").path("id").asText();
            b = w.awaitSession("beta").path("id").asText();
            assertThat(a).matches("[a-z0-9]{8}").isNotEqualTo(b);
            MeshWorld.Run list = w.cli("list");
            assertThat(list.out()).contains(a, b, alpha.toString(), beta.toString());
            assertThat(w.client().get("/v1/sessions/" + a).path("pid").asLong()).isEqualTo(ca.pid());
            ca.exit(T);
            cb.exit(T);
        }
        await("every session ended")
                .atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(w.client().sessions()).isEmpty());
    }

    @Test
    void a_note_waits_quietly_for_the_next_prompt_and_is_acked() throws Exception {
        Path beta = w.folder("beta");
        try (ClaudeProcess cb = w.interactive(beta)) {
            String b = w.awaitSession("beta").path("id").asText();
            cb.submit("first prompt");
            api().awaitMainRequestContaining("first prompt", T);
            w.awaitIdle(b, true);
            int before = api().requestCount();
            MeshWorld.Run sent = w.cli("send", "--note", "beta", "NOTE-BODY-7 the staging db is down");
            assertThat(sent.code()).as(sent.err()).isZero();
            String mid = sent.out().trim();
            Thread.sleep(3_000); // nothing may wake B for a note
            assertThat(api().requestCount()).isEqualTo(before);
            cb.submit("second prompt");
            RecordedRequest r = api().awaitMainRequestContaining("second prompt", T);
            assertThat(r.lastTurnText()).contains("NOTE-BODY-7").contains(mid).contains("kind=\"note\"");
            w.awaitAcked(mid);
        }
    }

    @Test
    void a_task_arriving_while_the_turn_finishes_blocks_stop_and_reaches_the_follow_up_request() throws Exception {
        Path beta = w.folder("beta");
        try (ClaudeProcess cb = w.interactive(beta)) {
            String b = w.awaitSession("beta").path("id").asText();
            Hold hold = Hold.then(Reply.text("done with the first thing"));
            api().enqueue(Reply.hold(hold));
            cb.submit("do the first thing");
            hold.awaitHeld(T);
            MeshWorld.Run sent = w.cli("send", "beta", "TASK-BODY-3 also update the changelog");
            assertThat(sent.err()).contains("busy");
            hold.release();
            RecordedRequest follow = api().awaitMainRequestContaining("TASK-BODY-3", T);
            assertThat(follow.lastTurnText()).contains("Stop hook feedback").contains("act on it");
            w.awaitAcked(sent.out().trim());
            assertThat(w.client()
                            .get("/v1/messages/" + sent.out().trim())
                            .path("message")
                            .path("delivered_via")
                            .asText())
                    .isEqualTo("hook:stop");
            w.awaitIdle(b, true);
        }
    }

    @Test
    void an_idle_bare_claude_is_woken_by_the_background_waiter() throws Exception {
        Path beta = w.folder("beta");
        try (ClaudeProcess cb = w.interactive(beta)) {
            String b = w.awaitSession("beta").path("id").asText();
            cb.submit("settle down");
            api().awaitMainRequestContaining("settle down", T);
            w.awaitIdle(b, true);
            Thread.sleep(1_000); // the waiter started by that Stop is attached and parked
            assertThat(w.client().get("/v1/sessions/" + b).path("supervised").asBoolean())
                    .isTrue();
            long sentAt = System.nanoTime();
            MeshWorld.Run sent = w.cli("send", b, "WAKE-TASK-9 run the linter");
            assertThat(sent.code()).as(sent.err()).isZero();
            RecordedRequest woke = api().awaitMainRequestContaining("WAKE-TASK-9", T);
            long ms = (woke.arrivalNanos() - sentAt) / 1_000_000;
            System.out.println("[e2e] send -> model request via background waiter: " + ms + " ms");
            assertThat(woke.lastTurnText())
                    .contains("while you were idle")
                    .contains(sent.out().trim());
            w.awaitAcked(sent.out().trim()); // the woken turn's Stop confirms it
        }
    }

    @Test
    void clear_keeps_the_claudemesh_id() throws Exception {
        Path alpha = w.folder("alpha");
        try (ClaudeProcess ca = w.interactive(alpha)) {
            JsonNode before = w.awaitSession("alpha");
            ca.submit("/clear");
            JsonNode after = await("alpha re-keyed to a new Claude Code session id")
                    .atMost(T)
                    .pollInterval(Duration.ofMillis(100))
                    .until(
                            () -> w.awaitSession("alpha"),
                            n -> !n.path("session_id")
                                    .asText()
                                    .equals(before.path("session_id").asText()));
            assertThat(after.path("session_id").asText())
                    .isNotEqualTo(before.path("session_id").asText());
            assertThat(after.path("id").asText()).isEqualTo(before.path("id").asText());
            assertThat(w.client().get("/v1/sessions").path("sessions")).hasSize(1);
        }
    }

    @Test
    void uninstall_leaves_the_config_files_as_they_were_before_install() throws Exception {
        ObjectMapper json = new ObjectMapper();
        // a second world, so the "before" snapshot is taken before any claudemesh install
        try (MeshWorld fresh = new MeshWorld(tmp.resolve("fresh"))) {
            fresh.folder("alpha");
            byte[] settings = Files.readAllBytes(fresh.home.settingsJson());
            byte[] claudeJson = Files.readAllBytes(fresh.home.claudeJson());
            assertThat(fresh.install().code()).isZero();
            assertThat(Files.readString(fresh.home.settingsJson())).contains("claudemesh");
            assertThat(Files.readString(fresh.home.claudeJson())).contains("claudemesh");
            MeshWorld.Run un = fresh.cli("uninstall");
            assertThat(un.code()).as(un.err()).isZero();
            assertThat(json.readTree(Files.readAllBytes(fresh.home.settingsJson())))
                    .isEqualTo(json.readTree(settings));
            assertThat(json.readTree(Files.readAllBytes(fresh.home.claudeJson())))
                    .isEqualTo(json.readTree(claudeJson));
        }
        // and after real use, uninstall removes every claudemesh entry and nothing else
        Path alpha = w.folder("alpha");
        w.install();
        try (ClaudeProcess ca = w.interactive(alpha)) {
            w.awaitSession("alpha");
        }
        JsonNode projectsBefore =
                json.readTree(Files.readAllBytes(w.home.claudeJson())).path("projects");
        assertThat(w.cli("uninstall").code()).isZero();
        assertThat(Files.readString(w.home.settingsJson())).doesNotContain("claudemesh");
        assertThat(Files.readString(w.home.claudeJson())).doesNotContain("claudemesh");
        assertThat(json.readTree(Files.readAllBytes(w.home.claudeJson())).path("projects"))
                .isEqualTo(projectsBefore);
    }

    private FakeAnthropicApi api() {
        return w.api;
    }
}
