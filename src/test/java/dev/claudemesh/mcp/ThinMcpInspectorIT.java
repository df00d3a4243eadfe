package dev.claudemesh.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudemesh.cli.CliMain;
import dev.claudemesh.client.DaemonClient;
import dev.claudemesh.client.DaemonStarter;
import dev.claudemesh.config.MeshHome;
import dev.claudemesh.support.JarRunner;
import dev.claudemesh.support.Sleepers;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The thin MCP entry ({@code thin/claudemesh mcp}, written by {@code install --hooks thin}) driven by a real MCP
 * client, the MCP Inspector CLI, against a real daemon process; its tools/list is compared with the JVM server's.
 * The inspector is the server's parent, so the session is named with {@code CLAUDEMESH_SESSION}.
 */
class ThinMcpInspectorIT {
    @TempDir
    static Path tmp;

    static Sleepers sleepers = new Sleepers();
    static MeshHome mesh;
    static DaemonClient daemon;
    static String me;
    static String api;
    static McpInspector thin;
    static McpInspector jvm;

    @BeforeAll
    static void start() throws Exception {
        Path home = tmp.resolve("home");
        StringWriter err = new StringWriter();
        int rc = CliMain.run(
                new String[] {
                    "install", "--jar", JarRunner.jar().toAbsolutePath().toString(), "--no-cds", "--hooks", "thin"
                },
                Map.of("HOME", home.toString(), "PATH", System.getenv("PATH")),
                new ByteArrayInputStream(new byte[0]),
                new PrintWriter(new StringWriter()),
                new PrintWriter(err));
        assertThat(rc).as(err.toString()).isZero();
        mesh = new MeshHome(home.resolve(".claudemesh"));
        daemon = new DaemonStarter(mesh).connect(true);
        // the daemon derives a sender from the calling process: "me" is this JVM, which the inspector and so the
        // MCP server descend from
        me = register("thin-insp-me", ProcessHandle.current().pid(), "/home/dev/me");
        api = register("thin-insp-api", sleepers.start(), "/home/dev/api");
        Map<String, String> env = Map.of("CLAUDEMESH_HOME", mesh.dir().toString(), "CLAUDEMESH_SESSION", me);
        thin = new McpInspector(
                tmp.resolve("inspector-home"),
                env,
                List.of(home.resolve(".claudemesh/thin/claudemesh").toString(), "mcp"));
        jvm = new McpInspector(tmp.resolve("inspector-home-jvm"), env);
    }

    @AfterAll
    static void stop() throws Exception {
        long pid = daemon.state().pid();
        try {
            daemon.shutdown();
        } catch (Exception gone) {
            // ended by pid below
        }
        ProcessHandle.of(pid).ifPresent(p -> {
            try {
                p.onExit().get(20, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception stuck) {
                p.destroyForcibly();
            }
        });
        sleepers.close();
    }

    static String register(String sessionId, long pid, String cwd) throws Exception {
        return daemon.post("/v1/sessions", Map.of("session_id", sessionId, "pid", pid, "cwd", cwd))
                .path("session")
                .path("id")
                .asText();
    }

    static McpInspector.Result ok(String tool, String args) throws Exception {
        McpInspector.Result r = thin.call(tool, args);
        assertThat(r.exit()).as(tool + ": " + r.stdout() + r.stderr()).isZero();
        assertThat(r.isError()).isFalse();
        return r;
    }

    @Test
    void tools_list_passes_the_strict_check_and_equals_the_jvm_servers() throws Exception {
        McpInspector.Result r = thin.run("--method", "tools/list", "--strict");
        assertThat(r.exit()).as(r.stdout() + r.stderr()).isZero();
        McpInspector.Result j = jvm.run("--method", "tools/list", "--strict");
        assertThat(j.exit()).as(j.stderr()).isZero();
        assertThat(r.json().path("result").path("tools")).hasSize(7);
        assertThat(r.json()).isEqualTo(j.json());
    }

    @Test
    void whoami_list_instances_and_send_message_work_as_on_the_jvm_server() throws Exception {
        JsonNode who = ok("whoami", "{}").textJson();
        assertThat(who.path("id").asText()).isEqualTo(me);
        assertThat(who.path("found_by").asText()).isEqualTo("CLAUDEMESH_SESSION=" + me);
        assertThat(ok("list_instances", "{}").textJson().path("self").asText()).isEqualTo(me);
        JsonNode sent =
                ok("send_message", "{\"to\":\"api\",\"body\":\"thin hello\"}").textJson();
        assertThat(sent.path("to").path("id").asText()).isEqualTo(api);
        assertThat(daemon.get("/v1/sessions/" + api + "/messages").toString()).contains("thin hello");
        McpInspector.Result bad = thin.call("send_message", "{\"to\":\"mars\",\"body\":\"hi\"}");
        assertThat(bad.isError()).isTrue();
        assertThat(bad.text())
                .isEqualTo(jvm.call("send_message", "{\"to\":\"mars\",\"body\":\"hi\"}")
                        .text());
    }

    @Test
    void an_unknown_tool_is_a_protocol_error_not_a_crash() throws Exception {
        McpInspector.Result r = thin.call("format_disk", "{}");
        assertThat(r.exit()).isNotZero();
        assertThat(r.stdout() + r.stderr()).contains("format_disk");
        assertThat(ok("whoami", "{}").textJson().path("id").asText()).isEqualTo(me);
    }
}
