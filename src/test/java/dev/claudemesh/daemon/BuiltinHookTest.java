package dev.claudemesh.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudemesh.client.ApiException;
import dev.claudemesh.mesh.BuiltinGuidance;
import dev.claudemesh.support.Sleepers;
import dev.claudemesh.support.TestDaemon;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Claude Code's own messaging as the hooks report it: recorded per session, shown, and told to the model. */
class BuiltinHookTest {
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

    JsonNode hook(String event, long pid, String sid, String cwd, Map<String, Object> builtin) throws Exception {
        Map<String, Object> body = new HashMap<>(builtin);
        body.put("claude_pid", pid);
        body.put("hook_pid", ProcessHandle.current().pid());
        body.put("input", Map.of("session_id", sid, "cwd", cwd));
        return d.client.post("/v1/hooks/" + event, body);
    }

    static Map<String, Object> on(String name) {
        Map<String, Object> m = new HashMap<>();
        m.put("builtin_messaging", true);
        if (name != null) {
            m.put("builtin_name", name);
        }
        return m;
    }

    JsonNode session(String sid) throws Exception {
        return d.client.get("/v1/sessions/by-session-id/" + sid);
    }

    @Test
    void the_sessions_json_carries_builtin_messaging_and_builtin_name() throws Exception {
        hook("SessionStart", claude, "s1", "/home/dev/api", on("api-3f"));
        String id = session("s1").path("id").asText();
        JsonNode listed = d.client.get("/v1/sessions").path("sessions").path(0);
        assertThat(listed.path("builtin_messaging").asBoolean()).isTrue();
        assertThat(listed.path("builtin_name").asText()).isEqualTo("api-3f");
        JsonNode one = d.client.get("/v1/sessions/" + id);
        assertThat(one.path("builtin_messaging").asBoolean()).isTrue();
        assertThat(one.path("builtin_name").asText()).isEqualTo("api-3f");
    }

    @Test
    void a_session_without_it_shows_false_and_null() throws Exception {
        hook("SessionStart", claude, "s1", "/home/dev/api", Map.of("builtin_messaging", false));
        JsonNode s = session("s1");
        assertThat(s.has("builtin_messaging")).isTrue();
        assertThat(s.path("builtin_messaging").asBoolean()).isFalse();
        assertThat(s.has("builtin_name")).isTrue();
        assertThat(s.path("builtin_name").isNull()).isTrue();
    }

    @Test
    void a_rename_reaches_the_record_with_the_next_hook_and_a_hook_that_does_not_report_changes_nothing()
            throws Exception {
        hook("SessionStart", claude, "s1", "/home/dev/api", on("api-3f"));
        hook("UserPromptSubmit", claude, "s1", "/home/dev/api", on("zebra"));
        assertThat(session("s1").path("builtin_name").asText()).isEqualTo("zebra");
        hook("Stop", claude, "s1", "/home/dev/api", Map.of());
        assertThat(session("s1").path("builtin_name").asText()).isEqualTo("zebra");
    }

    @Test
    void the_status_line_badge_shows_the_builtin_name_next_to_the_id() throws Exception {
        hook("SessionStart", claude, "s1", "/home/dev/api", on("api-3f"));
        String id = session("s1").path("id").asText();
        assertThat(hook("StatusLine", claude, "s1", "/home/dev/api", on("api-3f"))
                        .path("stdout")
                        .asText())
                .isEqualTo("[" + id + " (api-3f)]");
    }

    @Test
    void session_start_says_what_each_system_is_for_and_names_peers_in_both_when_it_is_on() throws Exception {
        long other = sleepers.start();
        hook("SessionStart", other, "peer", "/home/dev/web", on("web-9a"));
        String out = hook("SessionStart", claude, "s1", "/home/dev/api", on("api-3f"))
                .path("stdout")
                .asText();
        String peer = session("peer").path("id").asText();
        assertThat(out).contains("built-in name api-3f").contains(peer + " (web, built-in web-9a)");
        assertThat(out).contains(BuiltinGuidance.BOTH.replace("\"", "\\\""));
    }

    @Test
    void session_start_says_nothing_of_the_builtin_when_it_is_off() throws Exception {
        long other = sleepers.start();
        hook("SessionStart", other, "peer", "/home/dev/web", on("web-9a"));
        String out = hook("SessionStart", claude, "s1", "/home/dev/api", Map.of("builtin_messaging", false))
                .path("stdout")
                .asText();
        assertThat(out).contains("send_message").doesNotContain("SendMessage").doesNotContain("built-in");
    }

    @Test
    void a_bad_builtin_field_is_a_400_that_names_the_field() throws Exception {
        assertThatThrownBy(() -> hook("SessionStart", claude, "s1", "/home/dev/api", on("x\"><y")))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("builtin_name")
                .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(400));
        assertThatThrownBy(
                        () -> hook("SessionStart", claude, "s1", "/home/dev/api", Map.of("builtin_messaging", "yes")))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("builtin_messaging must be true or false");
    }
}
