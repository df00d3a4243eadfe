package dev.claudemesh.mcp;

import static dev.claudemesh.mcp.InProcessMcp.json;
import static dev.claudemesh.mcp.InProcessMcp.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudemesh.config.MeshHome;
import dev.claudemesh.support.Sleepers;
import dev.claudemesh.support.TestDaemon;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the MCP server finds its own session, and how it behaves when the daemon or its input goes away. */
class McpIdentityTest {
    @TempDir
    Path tmp;

    TestDaemon d;
    Sleepers sleepers = new Sleepers();

    @BeforeEach
    void start() throws Exception {
        d = TestDaemon.start(tmp.resolve("mesh"));
    }

    @AfterEach
    void stop() throws Exception {
        d.close();
        sleepers.close();
    }

    InProcessMcp server(SelfIdentity self) throws Exception {
        InProcessMcp mcp = new InProcessMcp(new McpContext(DaemonLink.existing(d.home), self));
        mcp.initialize();
        return mcp;
    }

    static long inSeconds(double s) {
        return System.nanoTime() + (long) (s * 1e9);
    }

    @Test
    void whoami_waits_for_a_registration_that_arrives_after_the_server_started() throws Exception {
        long claude = sleepers.start();
        try (InProcessMcp mcp = server(new SelfIdentity(null, claude, null, inSeconds(5)))) {
            CompletableFuture<JsonNode> who = CompletableFuture.supplyAsync(() -> {
                try {
                    return mcp.call("whoami", Map.of());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(700);
            assertThat(who).isNotDone();
            String id = d.register("late-session", claude, "/home/dev/late")
                    .path("id")
                    .asText();
            JsonNode result = who.get(10, TimeUnit.SECONDS);
            assertThat(json(result).path("id").asText()).isEqualTo(id);
        }
    }

    @Test
    void after_the_start_up_window_the_daemon_registers_a_session_whose_session_start_was_lost() throws Exception {
        long claude = sleepers.start();
        try (InProcessMcp mcp =
                server(new SelfIdentity(null, claude, "sess-lost", "/home/dev/lost", System.nanoTime()))) {
            JsonNode who = json(mcp.call("whoami", Map.of()));
            assertThat(who.path("found_by").asText()).contains("registered by this server");
            JsonNode s = d.client.get("/v1/sessions/by-session-id/sess-lost");
            assertThat(s.path("pid").asLong()).isEqualTo(claude);
            assertThat(s.path("folder").asText()).isEqualTo("lost");
            assertThat(who.path("id").asText()).isEqualTo(s.path("id").asText());
            assertThat(json(mcp.call("whoami", Map.of())).path("found_by").asText())
                    .isEqualTo("parent pid " + claude);
        }
    }

    @Test
    void after_the_start_up_window_an_unregistered_session_fails_at_once_with_what_to_do() throws Exception {
        long claude = sleepers.start();
        try (InProcessMcp mcp = server(new SelfIdentity(null, claude, null, System.nanoTime()))) {
            long t0 = System.nanoTime();
            JsonNode r = mcp.call("whoami", Map.of());
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
            assertThat(r.path("isError").asBoolean()).isTrue();
            assertThat(text(r)).contains("not registered with claudemesh", "parent pid " + claude, "claudemesh doctor");
            assertThat(mcp.call("send_message", Map.of("to", "x", "body", "y"))
                            .path("isError")
                            .asBoolean())
                    .isTrue();
        }
    }

    @Test
    void the_claude_code_session_id_is_the_fallback_when_the_parent_is_not_registered() throws Exception {
        String id = d.register("sess-by-env", sleepers.start(), "/home/dev/env")
                .path("id")
                .asText();
        try (InProcessMcp mcp = server(new SelfIdentity(null, sleepers.start(), "sess-by-env", inSeconds(2)))) {
            JsonNode who = json(mcp.call("whoami", Map.of()));
            assertThat(who.path("id").asText()).isEqualTo(id);
            assertThat(who.path("found_by").asText()).isEqualTo("CLAUDE_CODE_SESSION_ID sess-by-env");
        }
    }

    @Test
    void claudemesh_session_names_the_session_explicitly() throws Exception {
        String id = d.register("sess-explicit", sleepers.start(), "/home/dev/x")
                .path("id")
                .asText();
        try (InProcessMcp mcp = server(new SelfIdentity(id, 1, null, inSeconds(2)))) {
            assertThat(json(mcp.call("whoami", Map.of())).path("found_by").asText())
                    .isEqualTo("CLAUDEMESH_SESSION=" + id);
        }
        try (InProcessMcp mcp = server(new SelfIdentity("Not-An-Id", 1, null, inSeconds(2)))) {
            assertThat(text(mcp.call("whoami", Map.of()))).contains("CLAUDEMESH_SESSION", "not a claudemesh id");
        }
    }

    @Test
    void a_daemon_that_is_down_is_an_error_result_not_a_crash() throws Exception {
        MeshHome nowhere = new MeshHome(tmp.resolve("no-daemon"));
        McpContext ctx =
                new McpContext(DaemonLink.existing(nowhere), new SelfIdentity(null, 1, null, System.nanoTime()));
        try (InProcessMcp mcp = new InProcessMcp(ctx)) {
            mcp.initialize();
            JsonNode r = mcp.call("list_instances", Map.of());
            assertThat(r.path("isError").asBoolean()).isTrue();
            assertThat(text(r)).contains("claudemesh daemon cannot be reached", "claudemesh doctor");
        }
    }

    @Test
    void a_call_in_flight_when_input_ends_is_still_answered_before_the_server_returns() throws Exception {
        long claude = sleepers.start();
        InProcessMcp mcp = server(new SelfIdentity(null, claude, null, inSeconds(5)));
        mcp.sendRaw("{\"jsonrpc\":\"2.0\",\"id\":99,\"method\":\"tools/call\",\"params\":{\"name\":\"whoami\"}}");
        CompletableFuture.runAsync(() -> {
            try {
                Thread.sleep(500);
                d.register("sess-slow", claude, "/home/dev/slow");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(mcp.endInput(Duration.ofSeconds(20))).isTrue();
        JsonNode answer = mcp.awaitLine(n -> n.path("id").asInt() == 99, Duration.ofSeconds(1));
        assertThat(answer.path("result").path("isError").asBoolean()).isFalse();
    }
}
