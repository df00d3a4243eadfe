package dev.claudemesh.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.claudemesh.support.TestDaemon;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar claudemesh.jar mcp} spoken to exactly as claude 2.1.332 does (the captured handshake), with this
 * test JVM as its parent: the server finds its session by the parent pid, even when the registration comes after
 * the first tool call, keeps stdout to protocol lines only, and exits when its input ends.
 */
class McpStdioIT {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void claudes_handshake_then_whoami_by_parent_pid_with_a_late_registration_and_a_clean_exit() throws Exception {
        try (TestDaemon d = TestDaemon.start(tmp.resolve("mesh"))) {
            List<String> cmd = McpInspector.serverCommand();
            ProcessBuilder pb = new ProcessBuilder(cmd);
            pb.environment().put("CLAUDEMESH_HOME", d.home.dir().toString());
            pb.environment().put("CLAUDE_CODE_SESSION_ID", "f023eb4d-5736-47fb-925d-709caa693474");
            pb.environment().remove("CLAUDEMESH_SESSION");
            Path stderr = tmp.resolve("mcp.err");
            pb.redirectError(stderr.toFile());
            Process p = pb.start();
            try {
                BlockingQueue<String> lines = new LinkedBlockingQueue<>();
                Thread reader = new Thread(() -> {
                    try (BufferedReader r =
                            new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                        for (String l; (l = r.readLine()) != null; ) {
                            lines.add(l);
                        }
                    } catch (Exception ignored) {
                        // the process ended
                    }
                });
                reader.start();
                OutputStream in = p.getOutputStream();
                send(
                        in,
                        "{\"jsonrpc\":\"2.0\",\"id\":\"server-discover-probe-1\",\"method\":\"server/discover\","
                                + "\"params\":{\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\"}}}");
                assertThat(next(lines).path("error").path("code").asInt()).isEqualTo(-32601);
                send(
                        in,
                        "{\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\",\"capabilities\":"
                                + "{\"roots\":{\"listChanged\":true},\"elicitation\":{\"form\":{},\"url\":{}}},\"clientInfo\":"
                                + "{\"name\":\"claude-code\",\"title\":\"Claude Code\",\"version\":\"2.1.332\"}},"
                                + "\"jsonrpc\":\"2.0\",\"id\":0}");
                JsonNode init = next(lines);
                assertThat(init.path("result").path("protocolVersion").asText()).isEqualTo("2025-11-25");
                assertThat(init.path("result").path("serverInfo").path("name").asText())
                        .isEqualTo("claudemesh");
                assertThat(init.path("result").path("instructions").asText()).contains("send_message");
                send(in, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
                send(in, "{\"method\":\"tools/list\",\"jsonrpc\":\"2.0\",\"id\":1}");
                assertThat(next(lines).path("result").path("tools")).hasSize(7);

                send(
                        in,
                        "{\"method\":\"tools/call\",\"params\":{\"name\":\"whoami\",\"arguments\":{},\"_meta\":"
                                + "{\"claudecode/toolUseId\":\"toolu_fake_1\",\"progressToken\":2}},\"jsonrpc\":\"2.0\",\"id\":2}");
                Thread.sleep(800);
                assertThat(lines).isEmpty(); // still waiting for the SessionStart registration
                long me = ProcessHandle.current().pid();
                String id = d.register("f023eb4d-5736-47fb-925d-709caa693474", me, "/home/dev/work")
                        .path("id")
                        .asText();
                JsonNode who = next(lines);
                assertThat(who.path("id").asInt()).isEqualTo(2);
                JsonNode text = JSON.readTree(
                        who.path("result").path("content").get(0).path("text").asText());
                assertThat(text.path("id").asText()).isEqualTo(id);
                assertThat(text.path("found_by").asText()).isEqualTo("parent pid " + me);

                in.close();
                assertThat(p.waitFor(10, TimeUnit.SECONDS))
                        .as("exits when stdin ends")
                        .isTrue();
                assertThat(p.exitValue()).isZero();
                reader.join(2_000);
                assertThat(lines).isEmpty();
                String err = Files.readString(stderr);
                assertThat(err).doesNotContain("Exception");
            } finally {
                p.destroyForcibly();
            }
        }
    }

    private static void send(OutputStream in, String line) throws Exception {
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    private static JsonNode next(BlockingQueue<String> lines) throws Exception {
        String l = lines.poll(15, TimeUnit.SECONDS);
        assertThat(l).as("a protocol line within 15 s").isNotNull();
        JsonNode n = JSON.readTree(l);
        assertThat(n.path("jsonrpc").asText()).as(l).isEqualTo("2.0");
        return n;
    }
}
