package dev.claudemesh.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudemesh.client.ApiException;
import dev.claudemesh.support.RawHttp;
import dev.claudemesh.support.Sleepers;
import dev.claudemesh.support.TestDaemon;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A session whose SessionStart never reached the daemon (lost while the daemon started, or sent while none ran) is
 * registered by whatever comes from it next: any hook, the status line, the background waiter, the MCP server.
 */
class SelfHealingRegistrationTest {
    @TempDir
    Path home;

    TestDaemon d;
    Sleepers sleepers = new Sleepers();
    long claude;

    @BeforeEach
    void start() throws Exception {
        d = TestDaemon.start(home);
        claude = sleepers.start();
    }

    @AfterEach
    void stop() throws Exception {
        d.close();
        sleepers.close();
    }

    JsonNode hook(String event, Map<String, Object> input) throws Exception {
        Map<String, Object> body = new HashMap<>();
        body.put("claude_pid", claude);
        body.put("hook_pid", ProcessHandle.current().pid());
        body.put("input", input);
        return d.client.post("/v1/hooks/" + event, body);
    }

    static Map<String, Object> in(String sid, Object... kv) {
        Map<String, Object> m = new HashMap<>();
        m.put("session_id", sid);
        m.put("cwd", "/home/dev/healed");
        m.put("transcript_path", "/home/dev/.claude/projects/-home-dev-healed/" + sid + ".jsonl");
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    JsonNode bySessionId(String sid) throws Exception {
        return d.client.get("/v1/sessions/by-session-id/" + sid);
    }

    @Test
    void a_prompt_from_a_session_whose_session_start_was_lost_registers_it() throws Exception {
        assertThat(d.sessions()).isEmpty();
        hook("UserPromptSubmit", in("lost-1", "prompt", "hello"));
        JsonNode s = bySessionId("lost-1");
        assertThat(s.path("pid").asLong()).isEqualTo(claude);
        assertThat(s.path("folder").asText()).isEqualTo("healed");
        assertThat(s.path("idle").asBoolean()).isFalse();
    }

    @Test
    void a_session_start_that_arrives_after_the_heal_keeps_the_same_id() throws Exception {
        hook("Stop", in("lost-2", "stop_hook_active", false));
        String id = bySessionId("lost-2").path("id").asText();
        assertThat(bySessionId("lost-2").path("idle").asBoolean()).isTrue();
        JsonNode start = hook("SessionStart", in("lost-2", "source", "startup"));
        assertThat(start.path("stdout").asText()).contains(id);
        assertThat(d.sessions()).hasSize(1);
    }

    @Test
    void a_status_line_call_from_an_unknown_session_registers_it_and_shows_its_id() throws Exception {
        JsonNode r = hook("StatusLine", in("lost-3", "workspace", Map.of("current_dir", "/home/dev/healed")));
        String id = bySessionId("lost-3").path("id").asText();
        assertThat(r.path("stdout").asText()).isEqualTo("[" + id + "]");
    }

    @Test
    void the_thin_hook_route_heals_the_same_way() throws Exception {
        RawHttp.Response r = d.raw(
                "POST",
                "/v1/thin/UserPromptSubmit?claude_pid=" + claude + "&hook_pid="
                        + ProcessHandle.current().pid(),
                Map.of("Authorization", "Bearer " + d.token, "Content-Type", "application/json"),
                "{\"session_id\":\"lost-4\",\"cwd\":\"/home/dev/healed\",\"prompt\":\"hi\"}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(bySessionId("lost-4").path("pid").asLong()).isEqualTo(claude);
    }

    @Test
    void a_thin_hook_pid_that_is_not_digits_is_refused_with_a_sentence_and_zero_means_none() throws Exception {
        Map<String, String> h = Map.of("Authorization", "Bearer " + d.token, "Content-Type", "application/json");
        String body = "{\"session_id\":\"lost-9\",\"cwd\":\"/home/dev/healed\",\"prompt\":\"hi\"}";
        for (String bad : new String[] {"12a", "-5", "1234567890", "%D9%A1%D9%A2", "+7"}) {
            RawHttp.Response r = d.raw("POST", "/v1/thin/UserPromptSubmit?claude_pid=" + bad, h, body);
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.body()).as(bad).contains("query parameter 'claude_pid' must be a pid");
        }
        RawHttp.Response none = d.raw("POST", "/v1/thin/UserPromptSubmit?claude_pid=0&hook_pid=0", h, body);
        assertThat(none.status()).isEqualTo(200);
        assertThat(d.sessions()).as("no pid: nothing to register").isEmpty();
    }

    @Test
    void the_background_waiter_of_an_unknown_session_registers_it_and_attaches() throws Exception {
        Map<String, Object> body = new HashMap<>();
        body.put("claude_pid", claude);
        body.put("hook_pid", ProcessHandle.current().pid());
        body.put("input", in("lost-5", "stop_hook_active", false));
        JsonNode a = d.client.post("/v1/hooks/waiter/attach", body);
        assertThat(a.path("id").asText())
                .isEqualTo(bySessionId("lost-5").path("id").asText());
        assertThat(bySessionId("lost-5").path("supervised").asBoolean()).isTrue();
    }

    @Test
    void a_session_end_heals_only_on_clear_since_an_ending_session_has_nothing_to_list() throws Exception {
        hook("SessionEnd", in("lost-6", "reason", "prompt_input_exit"));
        assertThat(d.sessions()).isEmpty();
        hook("SessionEnd", in("lost-6", "reason", "clear"));
        assertThat(bySessionId("lost-6").path("pid").asLong()).isEqualTo(claude);
    }

    @Test
    void a_hook_whose_claude_is_gone_registers_nothing_and_still_answers() throws Exception {
        long dead = sleepers.start();
        sleepers.kill(dead);
        Map<String, Object> body = new HashMap<>();
        body.put("claude_pid", dead);
        body.put("input", in("lost-7", "prompt", "x"));
        JsonNode r = d.client.post("/v1/hooks/UserPromptSubmit", body);
        assertThat(r.path("exit").asInt()).isZero();
        assertThat(d.sessions()).isEmpty();
    }

    @Test
    void ensure_registers_an_unknown_session_once_and_then_answers_it_as_known() throws Exception {
        JsonNode first = d.client.ensureSession(claude, "mcp-1", "/home/dev/mcp");
        assertThat(first.path("identity").asText()).isEqualTo("new");
        String id = first.path("session").path("id").asText();
        JsonNode again = d.client.ensureSession(claude, "mcp-1", "/home/dev/mcp");
        assertThat(again.path("identity").asText()).isEqualTo("known");
        assertThat(again.path("session").path("id").asText()).isEqualTo(id);
        assertThat(d.sessions()).hasSize(1);
    }

    @Test
    void ensure_does_not_rekey_a_live_session_to_the_old_id_an_mcp_server_keeps_after_clear() throws Exception {
        hook("SessionStart", in("after-clear", "source", "clear"));
        String id = bySessionId("after-clear").path("id").asText();
        JsonNode r = d.client.ensureSession(claude, "before-clear", "/home/dev/healed");
        assertThat(r.path("identity").asText()).isEqualTo("known");
        assertThat(r.path("session").path("id").asText()).isEqualTo(id);
        assertThat(r.path("session").path("session_id").asText()).isEqualTo("after-clear");
    }

    @Test
    void ensure_gives_a_resumed_session_back_its_old_id() throws Exception {
        long first = sleepers.start();
        String id = d.client
                .ensureSession(first, "resume-me", "/home/dev/r")
                .path("session")
                .path("id")
                .asText();
        sleepers.kill(first);
        d.client.post("/v1/sessions/" + id + "/end", Map.of("reason", "other"));
        JsonNode back = d.client.ensureSession(claude, "resume-me", "/home/dev/r");
        assertThat(back.path("identity").asText()).isEqualTo("resumed");
        assertThat(back.path("session").path("id").asText()).isEqualTo(id);
    }

    @Test
    void ensure_refuses_what_session_start_refuses_with_a_clear_message() throws Exception {
        long dead = sleepers.start();
        sleepers.kill(dead);
        assertThatThrownBy(() -> d.client.ensureSession(dead, "x", "/tmp"))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("not a running process");
        assertThatThrownBy(() -> d.client.ensureSession(claude, "x", "relative/path"))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("cwd must be an absolute folder path");
        assertThatThrownBy(() -> d.client.post("/v1/sessions/ensure", Map.of("pid", claude, "cwd", "/tmp")))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("session_id");
        assertThat(d.sessions()).isEmpty();
    }
}
