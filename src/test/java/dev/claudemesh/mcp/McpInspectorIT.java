package dev.claudemesh.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudemesh.support.ShellSession;
import dev.claudemesh.support.Sleepers;
import dev.claudemesh.support.TestDaemon;
import dev.claudemesh.support.TranscriptFixture;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code claudemesh mcp} from the shaded jar, driven by a real MCP client (the MCP Inspector CLI): tools/list and
 * tools/call of every tool with good and bad arguments. The inspector, not claude, is the server's parent, so the
 * session is named with {@code CLAUDEMESH_SESSION}. The daemon derives a sender from the calling process, so that
 * session's process is this JVM (the server descends from it), and "api" is a real shell whose curl children send.
 */
class McpInspectorIT {
    @TempDir
    static Path tmp;

    static TestDaemon d;
    static Sleepers sleepers = new Sleepers();
    static ShellSession apiClaude;
    static String me;
    static String api;
    static McpInspector inspector;

    @BeforeAll
    static void start() throws Exception {
        Path claudeDir = tmp.resolve("claude");
        d = TestDaemon.start(tmp.resolve("mesh"), claudeDir);
        apiClaude = ShellSession.start(tmp.resolve("api-shell"));
        me = register("it-me", ProcessHandle.current().pid(), "/home/dev/me", null);
        Path transcript = new TranscriptFixture("it-api", "/home/dev/api")
                .prompt("Deploy the api with key " + TranscriptFixture.FAKE_KEY)
                .assistant("Deployed to staging.")
                .prompt("Roll back the migration")
                .assistant("Rolled back migration 42.")
                .writeUnder(claudeDir);
        api = register("it-api", apiClaude.pid(), "/home/dev/api", transcript.toString());
        inspector = new McpInspector(
                tmp.resolve("inspector-home"),
                Map.of("CLAUDEMESH_HOME", d.home.dir().toString(), "CLAUDEMESH_SESSION", me));
    }

    @AfterAll
    static void stop() throws Exception {
        d.close();
        sleepers.close();
        apiClaude.close();
    }

    static String register(String sessionId, String cwd, String transcript) throws Exception {
        return register(sessionId, sleepers.start(), cwd, transcript);
    }

    static String register(String sessionId, long pid, String cwd, String transcript) throws Exception {
        Map<String, Object> req = new LinkedHashMap<>();
        req.put("session_id", sessionId);
        req.put("pid", pid);
        req.put("cwd", cwd);
        if (transcript != null) {
            req.put("transcript_path", transcript);
        }
        return d.client.post("/v1/sessions", req).path("session").path("id").asText();
    }

    static McpInspector.Result ok(String tool, String args) throws Exception {
        McpInspector.Result r = inspector.call(tool, args);
        assertThat(r.exit()).as(tool + ": " + r.stdout() + r.stderr()).isZero();
        assertThat(r.isError()).isFalse();
        return r;
    }

    static String error(String tool, String args) throws Exception {
        McpInspector.Result r = inspector.call(tool, args);
        assertThat(r.isError()).as(tool + ": " + r.stdout() + r.stderr()).isTrue();
        assertThat(r.exit()).isEqualTo(5); // the inspector's exit code for an isError result
        return r.text();
    }

    @Test
    void tools_list_shows_seven_tools_that_pass_the_strict_schema_portability_check() throws Exception {
        McpInspector.Result r = inspector.run("--method", "tools/list", "--strict");
        assertThat(r.exit()).as(r.stderr()).isZero();
        List<String> names = new ArrayList<>();
        r.json()
                .path("result")
                .path("tools")
                .forEach(t -> names.add(t.path("name").asText()));
        assertThat(names)
                .containsExactly(
                        "whoami",
                        "list_instances",
                        "send_message",
                        "read_inbox",
                        "read_history",
                        "search_history",
                        "get_turn");
        JsonNode send = r.json().path("result").path("tools").get(2).path("inputSchema");
        assertThat(send.path("required").toString()).isEqualTo("[\"to\",\"body\"]");
        assertThat(send.path("properties").path("kind").path("enum").toString()).isEqualTo("[\"task\",\"note\"]");
    }

    @Test
    void whoami_and_list_instances_name_this_session() throws Exception {
        JsonNode who = ok("whoami", "{}").textJson();
        assertThat(who.path("id").asText()).isEqualTo(me);
        assertThat(who.path("found_by").asText()).isEqualTo("CLAUDEMESH_SESSION=" + me);
        JsonNode list = ok("list_instances", "{}").textJson();
        assertThat(list.path("self").asText()).isEqualTo(me);
        assertThat(list.path("sessions").toString()).contains(api, "/home/dev/api");
        assertThat(error("whoami", "{\"verbose\":true}")).contains("Unknown argument 'verbose'", "no arguments");
    }

    @Test
    void send_message_by_folder_then_the_receiver_sees_it_and_bad_sends_explain_themselves() throws Exception {
        JsonNode sent = ok("send_message", "{\"to\":\"api\",\"body\":\"please rerun the migration\"}")
                .textJson();
        assertThat(sent.path("to").path("id").asText()).isEqualTo(api);
        String messageId = sent.path("id").asText();
        assertThat(d.client.get("/v1/sessions/" + api + "/messages").toString())
                .contains(messageId, "please rerun the migration");

        assertThat(error("send_message", "{\"to\":\"me\",\"body\":\"hi\"}")).containsIgnoringCase("itself");
        assertThat(error("send_message", "{\"to\":\"mars\",\"body\":\"hi\"}"))
                .contains("No live session has id or folder 'mars'", me, api);
        assertThat(error("send_message", "{\"to\":\"api\"}")).contains("'body' of send_message is required");
        assertThat(error("send_message", "{\"to\":\"api\",\"body\":\"x\",\"kind\":\"urgent\"}"))
                .contains("'kind'");
    }

    @Test
    void read_inbox_peeks_and_drains() throws Exception {
        assertThat(apiClaude
                        .post(
                                d,
                                "/v1/messages",
                                "{\"to\":\"" + me + "\",\"kind\":\"note\",\"body\":\"migration rolled back\"}")
                        .status())
                .isEqualTo(200);
        JsonNode peek = ok("read_inbox", "{}").textJson();
        assertThat(peek.path("messages").toString()).contains("migration rolled back", "\"from_folder\":\"api\"");
        JsonNode drained = ok("read_inbox", "{\"drain\":true}").textJson();
        assertThat(drained.path("count").asInt()).isEqualTo(1);
        assertThat(ok("read_inbox", "{}").textJson().path("count").asInt()).isZero();
        // the inspector converts argument values to the schema's types, so a bad value here is an unknown argument
        assertThat(error("read_inbox", "{\"limit\":5}")).contains("Unknown argument 'limit'", "it takes drain");
    }

    @Test
    void read_history_search_history_and_get_turn_read_the_transcript_with_the_key_masked() throws Exception {
        JsonNode h = ok("read_history", "{\"id\":\"api\",\"last_n_turns\":2}").textJson();
        assertThat(h.path("total_turns").asInt()).isEqualTo(2);
        assertThat(h.path("turns").toString())
                .contains("Deploy the api with key", "Rolled back migration 42")
                .doesNotContain(TranscriptFixture.FAKE_KEY);
        assertThat(error("read_history", "{\"id\":\"api\",\"last_n_turns\":0}")).contains("from 1 to 50");

        JsonNode s = ok(
                        "search_history",
                        "{\"id\":\"" + api + "\",\"query\":\"migration \\\\d+\",\"options\":{\"regex\":true}}")
                .textJson();
        assertThat(s.path("hits").get(0).path("turn_index").asInt()).isEqualTo(2);
        assertThat(s.path("hits").get(0).path("snippet").asText()).contains("migration 42");
        assertThat(error("search_history", "{\"id\":\"api\",\"query\":\"[\",\"options\":{\"regex\":true}}"))
                .containsIgnoringCase("regular expression");

        JsonNode t = ok("get_turn", "{\"id\":\"api\",\"turn_index\":1}").textJson();
        assertThat(t.path("turn").path("entries").get(0).path("text").asText())
                .startsWith("Deploy the api with key sk-ant-")
                .doesNotContain(TranscriptFixture.FAKE_KEY);
        assertThat(error("get_turn", "{\"id\":\"api\",\"turn_index\":3}")).contains("Turn 3 does not exist");
        assertThat(error("get_turn", "{\"id\":\"nobody\",\"turn_index\":1}")).contains("No live session");
    }

    @Test
    void key_value_tool_args_are_coerced_by_the_inspector_and_still_accepted() throws Exception {
        McpInspector.Result r = inspector.run(
                "--method",
                "tools/call",
                "--tool-name",
                "read_history",
                "--tool-arg",
                "id=api",
                "--tool-arg",
                "last_n_turns=1");
        assertThat(r.exit()).as(r.stdout() + r.stderr()).isZero();
        assertThat(r.textJson().path("turns")).hasSize(1);
    }

    @Test
    void an_unknown_tool_is_a_protocol_error_not_a_crash() throws Exception {
        McpInspector.Result r = inspector.call("format_disk", "{}");
        assertThat(r.exit()).isNotZero();
        assertThat(r.stdout() + r.stderr()).contains("format_disk");
        assertThat(ok("whoami", "{}").textJson().path("id").asText()).isEqualTo(me);
    }
}
