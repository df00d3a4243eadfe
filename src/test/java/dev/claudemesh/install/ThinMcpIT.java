package dev.claudemesh.install;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudemesh.client.DaemonClient;
import dev.claudemesh.config.DaemonState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The thin MCP server ({@code thin/claudemesh mcp}, sh + one curl per message) as claude starts it from
 * {@code .claude.json}, against real daemon processes: no daemon at start, a daemon killed or replaced mid-session,
 * no daemon to be had at all.
 */
class ThinMcpIT {
    static final String LIST = "{\"method\":\"tools/list\",\"jsonrpc\":\"2.0\",\"id\":1}";
    static final String PROBE =
            "{\"jsonrpc\":\"2.0\",\"id\":\"server-discover-probe-1\",\"method\":\"server/discover\","
                    + "\"params\":{}}";

    @TempDir
    Path dir;

    /** This test JVM is the MCP server's parent, so it plays claude: a session registered with its pid. */
    static String registerThisJvm(DaemonClient c, String sid) throws Exception {
        return c.post(
                        "/v1/sessions",
                        Map.of("session_id", sid, "pid", ProcessHandle.current().pid(), "cwd", "/tmp/work/api"))
                .path("session")
                .path("id")
                .asText();
    }

    static void initialize(ThinMcp m) throws Exception {
        JsonNode init = m.request(ThinMcp.INIT, 60);
        assertThat(init.path("result").path("serverInfo").path("name").asText()).isEqualTo("claudemesh");
        m.send(ThinMcp.INITIALIZED);
    }

    static void kill9(long pid) throws Exception {
        ProcessHandle p = ProcessHandle.of(pid).orElseThrow();
        p.destroyForcibly();
        p.onExit().get(30, TimeUnit.SECONDS);
    }

    @Test
    void install_points_the_mcp_entry_at_the_thin_launcher_and_doctor_says_sh_and_curl() throws Exception {
        try (ThinHooks h = new ThinHooks(dir, "thin")) {
            JsonNode server = ThinMcp.JSON
                    .readTree(dir.resolve(".claude.json").toFile())
                    .path("mcpServers")
                    .path("claudemesh");
            assertThat(server.path("command").asText())
                    .isEqualTo(dir.resolve(".claudemesh/thin/claudemesh").toString());
            assertThat(server.path("args").toString()).isEqualTo("[\"mcp\"]");
            InstallPaths paths = InstallPaths.fromEnv(h.env(null));
            assertThat(HookPath.describe(paths, server.path("command").asText(), "mcp"))
                    .isEqualTo("sh + curl");
        }
    }

    @Test
    void with_no_daemon_at_start_the_first_message_starts_one_and_the_answers_come_from_it() throws Exception {
        try (ThinHooks h = new ThinHooks(dir, "thin");
                ThinMcp m = ThinMcp.start(dir, h.env(null))) {
            assertThat(h.stateFileExists()).isFalse();
            JsonNode probe = m.request(PROBE, 90);
            assertThat(probe.path("id").asText()).isEqualTo("server-discover-probe-1");
            assertThat(probe.path("error").path("code").asInt()).isEqualTo(-32601);
            initialize(m);
            assertThat(m.request(LIST, 30).path("result").path("tools")).hasSize(7);
            JsonNode list = m.request(ThinMcp.call(2, "list_instances", "{}"), 30);
            assertThat(list.path("id").asInt()).isEqualTo(2);
            assertThat(list.path("result").path("isError").asBoolean())
                    .as(list.toString())
                    .isFalse();
            assertThat(h.stateFileExists()).isTrue();
            assertThat(m.runsAJvm())
                    .as("the MCP server is sh + curl, not the JVM fallback")
                    .isFalse();
            assertThat(m.finish()).isZero();
        }
    }

    @Test
    void after_the_daemon_is_killed_mid_session_the_next_request_is_answered_by_a_new_one() throws Exception {
        try (ThinHooks h = new ThinHooks(dir, "thin")) {
            DaemonClient c = h.startDaemon();
            String me = registerThisJvm(c, "mcp-kill-1");
            try (ThinMcp m = ThinMcp.start(dir, h.env(null))) {
                initialize(m);
                JsonNode who = m.request(ThinMcp.call(2, "whoami", "{}"), 30);
                assertThat(ThinMcp.JSON
                                .readTree(who.path("result")
                                        .path("content")
                                        .path(0)
                                        .path("text")
                                        .asText())
                                .path("id")
                                .asText())
                        .isEqualTo(me);
                long old = c.state().pid();
                kill9(old);
                JsonNode again = m.request(ThinMcp.call(3, "list_instances", "{}"), 90);
                assertThat(again.path("id").asInt()).isEqualTo(3);
                assertThat(again.path("result").path("isError").asBoolean())
                        .as(again.toString())
                        .isFalse();
                assertThat(DaemonState.read(h.mesh.stateFile()).orElseThrow().pid())
                        .isNotEqualTo(old);
                assertThat(m.request(LIST, 30).path("result").path("tools")).hasSize(7);
                assertThat(m.runsAJvm()).isFalse();
            }
        }
    }

    @Test
    void a_daemon_replaced_mid_session_is_told_who_the_server_is_again() throws Exception {
        try (ThinHooks h = new ThinHooks(dir, "thin")) {
            h.startDaemon();
            try (ThinMcp m = ThinMcp.start(dir, h.env(null))) {
                initialize(m);
                assertThat(m.request(LIST, 30).path("result").path("tools")).hasSize(7);
                h.stopDaemon();
                DaemonClient fresh = h.startDaemon();
                JsonNode list = m.request(LIST.replace("\"id\":1", "\"id\":4"), 90);
                assertThat(list.path("id").asInt()).isEqualTo(4);
                assertThat(list.path("result").path("tools")).hasSize(7);
                assertThat(fresh.state().pid())
                        .isEqualTo(DaemonState.read(h.mesh.stateFile())
                                .orElseThrow()
                                .pid());
            }
        }
    }

    @Test
    void a_request_no_daemon_can_answer_gets_a_json_rpc_error_with_its_id_and_a_notification_nothing()
            throws Exception {
        try (ThinHooks h = new ThinHooks(dir, "thin")) {
            DaemonClient c = h.startDaemon();
            try (ThinMcp m = ThinMcp.start(dir, h.env(null))) {
                initialize(m);
                // the daemon dies and none can be started (the JVM launcher is broken)
                Path jvm = dir.resolve(".claudemesh/bin/claudemesh");
                Files.writeString(jvm, "#!/bin/sh\nexit 1\n");
                kill9(c.state().pid());
                JsonNode byPrefix = m.request("{\"jsonrpc\":\"2.0\",\"id\":\"abc-1\",\"method\":\"tools/list\"}", 60);
                assertThat(byPrefix.path("id").asText()).isEqualTo("abc-1");
                assertThat(byPrefix.path("error").path("code").asInt()).isEqualTo(-32603);
                assertThat(byPrefix.path("error").path("message").asText()).contains("claudemesh doctor");
                m.send("{\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":5},\"jsonrpc\":\"2.0\"}");
                JsonNode bySuffix = m.request(ThinMcp.call(7, "whoami", "{}"), 60);
                assertThat(bySuffix.path("id").asInt())
                        .as("no line for the notification")
                        .isEqualTo(7);
                assertThat(bySuffix.path("error").path("code").asInt()).isEqualTo(-32603);
            }
        }
    }

    @Test
    void with_no_daemon_to_be_had_the_jvm_server_takes_over_from_the_first_line() throws Exception {
        try (ThinHooks h = new ThinHooks(dir, "thin")) {
            Map<String, String> env = new HashMap<>(h.env(null));
            env.put("CLAUDEMESH_PORT", "not-a-port"); // every daemon start fails
            try (ThinMcp m = ThinMcp.start(dir, env)) {
                JsonNode init = m.request(ThinMcp.INIT, 90);
                assertThat(init.path("id").asInt()).isZero();
                assertThat(init.path("result").path("serverInfo").path("name").asText())
                        .isEqualTo("claudemesh");
                m.send(ThinMcp.INITIALIZED);
                assertThat(m.request(LIST, 30).path("result").path("tools")).hasSize(7);
                assertThat(m.runsAJvm()).isTrue();
                JsonNode call = m.request(ThinMcp.call(2, "list_instances", "{}"), 60);
                assertThat(call.path("result").path("isError").asBoolean()).isTrue();
                assertThat(call.path("result")
                                .path("content")
                                .path(0)
                                .path("text")
                                .asText())
                        .contains("cannot be reached");
            }
            assertThat(h.stateFileExists()).isFalse();
        }
    }
}
