package dev.claudemesh.mcp;

import static dev.claudemesh.mcp.InProcessMcp.json;
import static dev.claudemesh.mcp.InProcessMcp.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudemesh.support.ShellSession;
import dev.claudemesh.support.Sleepers;
import dev.claudemesh.support.TestDaemon;
import dev.claudemesh.support.TranscriptFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The MCP server in-process against a real daemon: every tool, good and bad arguments, protocol edges. */
class McpServerTest {
    @TempDir
    static Path tmp;

    static TestDaemon d;
    static Sleepers sleepers = new Sleepers();
    static ShellSession apiClaude;
    static long myPid;
    static String me;
    static String api;
    static InProcessMcp mcp;

    @BeforeAll
    static void start() throws Exception {
        Path claudeDir = tmp.resolve("claude");
        d = TestDaemon.start(tmp.resolve("mesh"), claudeDir);
        // the MCP server runs in this JVM, which stands in for its claude: the daemon derives a sender from the
        // calling process, so "me" is this process and "api" a real shell whose curl children send as it
        myPid = ProcessHandle.current().pid();
        apiClaude = ShellSession.start(tmp.resolve("api-shell"));
        me = register("sess-me", myPid, "/home/dev/me", null);
        Path transcript = new TranscriptFixture("sess-api", "/home/dev/api")
                .prompt("Build the billing endpoint")
                .toolUse("t1", "Bash", "{\"command\":\"env\"}")
                .toolResult("t1", "STRIPE=" + TranscriptFixture.FAKE_KEY)
                .assistant("Endpoint /billing is live.")
                .prompt("Add pagination to invoices")
                .assistant("Pagination added with cursor tokens.")
                .writeUnder(claudeDir);
        api = register("sess-api", apiClaude.pid(), "/home/dev/api", transcript.toString());
        TranscriptFixture big = new TranscriptFixture("sess-big", "/home/dev/big");
        for (int i = 1; i <= 40; i++) {
            big.prompt("step " + i)
                    .toolUse("b" + i, "Read", "{}")
                    .toolResult("b" + i, ("line " + i + "\n").repeat(900));
        }
        big.prompt("the huge one").toolUse("h", "Read", "{}").toolResult("h", "z".repeat(300_000));
        register(
                "sess-big",
                sleepers.start(),
                "/home/dev/big",
                big.writeUnder(claudeDir).toString());
        register("sess-web1", sleepers.start(), "/a/web", null);
        register("sess-web2", sleepers.start(), "/b/web", null);
        mcp = new InProcessMcp(context(new SelfIdentity(null, myPid, null, System.nanoTime())));
        mcp.initialize();
    }

    @AfterAll
    static void stop() throws Exception {
        mcp.close();
        d.close();
        sleepers.close();
        apiClaude.close();
    }

    static McpContext context(SelfIdentity self) {
        return new McpContext(DaemonLink.existing(d.home), self);
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

    static JsonNode ok(String tool, Map<String, ?> args) throws Exception {
        JsonNode r = mcp.call(tool, args);
        assertThat(r.path("isError").asBoolean())
                .as(tool + " " + args + ": " + text(r))
                .isFalse();
        return json(r);
    }

    static String error(String tool, Map<String, ?> args) throws Exception {
        JsonNode r = mcp.call(tool, args);
        assertThat(r.path("isError").asBoolean())
                .as(tool + " " + args + ": " + text(r))
                .isTrue();
        return text(r);
    }

    @Test
    void claudes_discovery_probe_is_method_not_found_and_the_server_lists_seven_tools() throws Exception {
        JsonNode probe = mcp.request("server/discover", Map.of());
        assertThat(probe.path("error").path("code").asInt()).isEqualTo(-32601);
        JsonNode tools = mcp.request("tools/list", null).path("result").path("tools");
        List<String> names = new ArrayList<>();
        tools.forEach(t -> names.add(t.path("name").asText()));
        assertThat(names)
                .containsExactly(
                        "whoami",
                        "list_instances",
                        "send_message",
                        "read_inbox",
                        "read_history",
                        "search_history",
                        "get_turn");
        tools.forEach(t -> {
            assertThat(t.path("inputSchema").path("type").asText()).isEqualTo("object");
            assertThat(t.path("inputSchema").path("additionalProperties").asBoolean(true))
                    .isFalse();
            assertThat(t.path("description").asText()).hasSizeGreaterThan(80);
        });
    }

    @Test
    void whoami_finds_this_session_by_the_parent_pid() throws Exception {
        JsonNode who = ok("whoami", Map.of());
        assertThat(who.path("id").asText()).isEqualTo(me);
        assertThat(who.path("folder").asText()).isEqualTo("me");
        assertThat(who.path("found_by").asText()).isEqualTo("parent pid " + myPid);
    }

    @Test
    void list_instances_lists_every_live_session_and_marks_self() throws Exception {
        JsonNode list = ok("list_instances", null);
        assertThat(list.path("self").asText()).isEqualTo(me);
        assertThat(list.path("sessions").toString()).contains(me, api, "/a/web", "/b/web");
        JsonNode mine = null;
        for (JsonNode s : list.path("sessions")) {
            if (s.path("id").asText().equals(me)) {
                mine = s;
            }
        }
        assertThat(mine).isNotNull();
        assertThat(mine.path("self").asBoolean()).isTrue();
    }

    @Test
    void send_message_by_folder_name_returns_the_message_id_and_how_it_will_arrive() throws Exception {
        JsonNode sent = ok("send_message", Map.of("to", "API", "body", "run the billing tests", "kind", "note"));
        assertThat(sent.path("id").asText()).matches("m_[a-z0-9]{12}");
        assertThat(sent.path("to").path("id").asText()).isEqualTo(api);
        assertThat(sent.path("delivery").asText()).isEqualTo("next-prompt");
        assertThat(sent.path("wakeable").asBoolean()).isFalse();
        assertThat(sent.path("status").asText()).contains(api, "next prompt");
        JsonNode inbox = d.client.get("/v1/sessions/" + api + "/messages");
        assertThat(inbox.toString()).contains("run the billing tests", "\"from\":\"" + me + "\"");
    }

    @Test
    void a_task_to_a_busy_session_arrives_at_the_end_of_its_turn() throws Exception {
        JsonNode sent = ok("send_message", Map.of("to", api, "body", "please review"));
        assertThat(sent.path("kind").asText()).isEqualTo("task");
        assertThat(sent.path("delivery").asText()).isEqualTo("end-of-turn");
        assertThat(sent.path("wakeable").asBoolean()).isTrue();
    }

    @Test
    void send_message_refuses_to_send_to_self_by_id_or_folder() throws Exception {
        assertThat(error("send_message", Map.of("to", me, "body", "hi"))).contains("cannot send a message to yourself");
        assertThat(error("send_message", Map.of("to", "me", "body", "hi"))).containsIgnoringCase("to itself");
    }

    @Test
    void an_unknown_target_lists_the_live_sessions() throws Exception {
        String text = error("send_message", Map.of("to", "nowhere", "body", "hi"));
        assertThat(text).contains("No live session has id or folder 'nowhere'", me, api);
    }

    @Test
    void a_path_given_as_the_target_is_answered_with_what_to_use_instead() throws Exception {
        assertThat(error("read_history", Map.of("id", "/home/dev/api")))
                .contains("is a path, not a target", "probably 'api'");
        assertThat(error("send_message", Map.of("to", "/home/dev/api", "body", "x")))
                .contains("is a path, not a target");
    }

    @Test
    void an_ambiguous_folder_lists_the_candidates() throws Exception {
        String text = error("send_message", Map.of("to", "web", "body", "hi"));
        assertThat(text).contains("matches 2 sessions", "/a/web", "/b/web");
        assertThat(error("read_history", Map.of("id", "web"))).contains("matches 2 sessions");
    }

    @Test
    void send_message_explains_bad_arguments() throws Exception {
        assertThat(error("send_message", Map.of("to", api)))
                .isEqualTo("The argument 'body' of send_message is required.");
        assertThat(error("send_message", Map.of("to", api, "body", "x", "kind", "urgent")))
                .contains("'kind'", "\"task\", \"note\"");
        assertThat(error("send_message", Map.of("to", api, "body", "x", "in_reply_to", "42")))
                .contains("in_reply_to must be a message id");
        assertThat(error("send_message", Map.of("to", api, "body", "x", "priority", 1)))
                .contains("Unknown argument 'priority'", "body, in_reply_to, kind, to");
        assertThat(error("send_message", Map.of("to", api, "body", "   "))).contains("must not be empty");
        assertThat(error("send_message", Map.of("to", api, "body", "x", "in_reply_to", "m_000000000000")))
                .contains("in_reply_to names no known message");
    }

    @Test
    void read_inbox_peeks_by_default_and_drain_takes_the_messages() throws Exception {
        assertThat(apiClaude
                        .post(
                                d,
                                "/v1/messages",
                                "{\"to\":\"" + me + "\",\"kind\":\"task\",\"body\":\"fix the flaky test\"}")
                        .status())
                .isEqualTo(200);
        JsonNode peek = ok("read_inbox", Map.of());
        assertThat(peek.path("drained").asBoolean()).isFalse();
        JsonNode m = peek.path("messages").get(0);
        assertThat(m.path("from").asText()).isEqualTo(api);
        assertThat(m.path("from_folder").asText()).isEqualTo("api");
        assertThat(m.path("kind").asText()).isEqualTo("task");
        assertThat(m.path("body").asText()).isEqualTo("fix the flaky test");
        assertThat(peek.path("hint").asText()).contains("in_reply_to");
        assertThat(ok("read_inbox", Map.of("drain", false)).path("count").asInt())
                .isEqualTo(1);

        JsonNode drained = ok("read_inbox", Map.of("drain", true));
        assertThat(drained.path("messages").get(0).path("id").asText())
                .isEqualTo(m.path("id").asText());
        assertThat(ok("read_inbox", Map.of()).path("count").asInt()).isZero();
        assertThat(error("read_inbox", Map.of("drain", "soon"))).contains("must be true or false");
    }

    @Test
    void read_history_returns_the_last_turns_with_secrets_masked_unless_raw() throws Exception {
        JsonNode h = ok("read_history", Map.of("id", "api"));
        assertThat(h.path("total_turns").asInt()).isEqualTo(2);
        assertThat(h.path("session").path("id").asText()).isEqualTo(api);
        assertThat(h.path("turns").toString())
                .contains("Build the billing endpoint", "STRIPE=")
                .doesNotContain(TranscriptFixture.FAKE_KEY);
        JsonNode last = ok("read_history", Map.of("id", api, "last_n_turns", 1));
        assertThat(last.path("turns")).hasSize(1);
        assertThat(last.path("hint").asText()).contains("get_turn");
        assertThat(ok("read_history", Map.of("id", api, "redact", false)).toString())
                .contains(TranscriptFixture.FAKE_KEY);
        assertThat(error("read_history", Map.of("id", api, "last_n_turns", 0))).contains("from 1 to 50");
        assertThat(error("read_history", Map.of())).contains("'id' of read_history is required");
    }

    @Test
    void search_history_finds_hits_with_turn_role_time_and_masked_snippets() throws Exception {
        JsonNode r = ok("search_history", Map.of("id", "api", "query", "PAGINATION"));
        assertThat(r.path("count").asInt()).isEqualTo(2);
        JsonNode hit = r.path("hits").get(0);
        assertThat(hit.path("turn_index").asInt()).isEqualTo(2);
        assertThat(hit.path("role").asText()).isEqualTo("user");
        assertThat(hit.path("at").asText()).startsWith("2026-11-26T10:00");
        JsonNode secret = ok("search_history", Map.of("id", api, "query", "stripe"));
        assertThat(secret.path("hits").toString()).contains("STRIPE=").doesNotContain(TranscriptFixture.FAKE_KEY);
        JsonNode regex = ok(
                "search_history",
                Map.of("id", api, "query", "cursor \\w+", "options", Map.of("regex", true, "context_turns", 1)));
        assertThat(regex.path("hits").get(0).path("context").toString()).contains("Build the billing endpoint");
        assertThat(ok(
                                "search_history",
                                Map.of("id", api, "query", "PAGINATION", "options", Map.of("case_sensitive", true)))
                        .path("hint")
                        .asText())
                .contains("No match");
    }

    @Test
    void search_history_with_a_star_searches_every_session_and_its_hit_ids_read_turns() throws Exception {
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .until(() -> ok("search_history", Map.of("id", "*", "query", "add pagination"))
                                .path("count")
                                .asInt()
                        == 1);
        JsonNode r =
                ok("search_history", Map.of("id", "*", "query", "add pagination", "options", Map.of("since", "3650d")));
        JsonNode hit = r.path("hits").get(0);
        assertThat(hit.path("folder").asText()).isEqualTo("api");
        assertThat(hit.path("turn").asInt()).isEqualTo(2);
        assertThat(r.path("scope").asText()).isEqualTo("every session on this machine");
        JsonNode turn = ok(
                "get_turn",
                Map.of(
                        "id",
                        hit.path("id").asText(),
                        "turn_index",
                        hit.path("turn").asInt()));
        assertThat(turn.path("turn").path("index").asInt()).isEqualTo(2);
        assertThat(error("search_history", Map.of("id", "*", "query", "x", "options", Map.of("context_turns", 2))))
                .contains("options.context_turns");
        assertThat(error("search_history", Map.of("id", api, "query", "x", "options", Map.of("folder", "api"))))
                .contains("go with id \"*\"");
        assertThat(error("search_history", Map.of("id", "*", "query", "x", "options", Map.of("since", "soon"))))
                .containsIgnoringCase("since must be an age");
    }

    @Test
    void search_history_explains_bad_arguments() throws Exception {
        assertThat(error("search_history", Map.of("id", api, "query", "(", "options", Map.of("regex", true))))
                .containsIgnoringCase("regular expression");
        assertThat(error(
                        "search_history",
                        Map.of("id", api, "query", "((a{1000}){1000}){1000}", "options", Map.of("regex", true))))
                .contains("too complex");
        assertThat(error("search_history", Map.of("id", api, "query", "x", "options", Map.of("fuzzy", true))))
                .contains("Unknown argument 'fuzzy'");
        assertThat(error("search_history", Map.of("id", api, "query", "x", "options", "regex")))
                .contains("must be an object");
        assertThat(error("search_history", Map.of("id", api))).contains("'query' of search_history is required");
    }

    @Test
    void get_turn_returns_one_turn_whole_and_says_how_many_there_are() throws Exception {
        JsonNode t = ok("get_turn", Map.of("id", api, "turn_index", 1));
        assertThat(t.path("turn").path("index").asInt()).isEqualTo(1);
        assertThat(t.path("turn").path("entries")).hasSize(4);
        assertThat(t.toString()).doesNotContain(TranscriptFixture.FAKE_KEY);
        assertThat(error("get_turn", Map.of("id", api, "turn_index", 7))).contains("Turn 7 does not exist", "2 turns");
        assertThat(error("get_turn", Map.of("id", api, "turn_index", "first"))).contains("whole number");
        assertThat(error("get_turn", Map.of("id", api))).contains("'turn_index' of get_turn is required");
    }

    @Test
    void results_too_big_for_a_model_keep_the_newest_turns_or_cut_long_entries_and_say_so() throws Exception {
        String history = text(mcp.call("read_history", Map.of("id", "big", "last_n_turns", 50)));
        assertThat(history.length()).isLessThanOrEqualTo(ResultBudget.MAX_CHARS);
        JsonNode h = InProcessMcp.JSON.readTree(history);
        assertThat(h.path("turns").get(h.path("turns").size() - 1).path("index").asInt())
                .isEqualTo(41);
        assertThat(h.path("turns").size()).isLessThan(41);
        assertThat(h.path("hint").asText()).contains("Only the newest", "get_turn");

        String turn = text(mcp.call("get_turn", Map.of("id", "big", "turn_index", 41)));
        assertThat(turn.length()).isLessThanOrEqualTo(ResultBudget.MAX_CHARS);
        JsonNode t = InProcessMcp.JSON.readTree(turn);
        assertThat(t.path("turn").path("entries").get(0).path("text").asText()).isEqualTo("the huge one");
        assertThat(t.path("turn").toString()).contains("zzzz", "…[cut to fit the result size;");
        assertThat(t.path("hint").asText()).contains("longer than one tool result");
        assertThat(ok("get_turn", Map.of("id", "big", "turn_index", 40)).has("hint"))
                .isFalse();
    }

    @Test
    void numbers_and_booleans_sent_as_strings_are_accepted() throws Exception {
        assertThat(ok("get_turn", Map.of("id", api, "turn_index", "2"))
                        .path("turn")
                        .path("index")
                        .asInt())
                .isEqualTo(2);
        assertThat(ok("read_history", Map.of("id", api, "redact", "false"))
                        .path("redacted")
                        .asBoolean())
                .isFalse();
    }

    @Test
    void an_unknown_tool_is_a_protocol_error() throws Exception {
        JsonNode res = mcp.request("tools/call", Map.of("name", "format_disk", "arguments", Map.of()));
        assertThat(res.has("error")).isTrue();
    }

    @Test
    void garbage_and_non_rpc_lines_get_json_rpc_errors_and_the_server_keeps_serving() throws Exception {
        mcp.sendRaw("this is not json");
        mcp.sendRaw("{\"jsonrpc\":\"2.0\",\"id\":\"bad-1\",\"method\":42}");
        mcp.sendRaw("[1,2]");
        JsonNode parse = mcp.awaitLine(n -> n.path("error").path("code").asInt() == -32700, Duration.ofSeconds(5));
        assertThat(parse.path("id").isNull()).isTrue();
        JsonNode invalid = mcp.awaitLine(n -> "bad-1".equals(n.path("id").asText()), Duration.ofSeconds(5));
        assertThat(invalid.path("error").path("code").asInt()).isEqualTo(-32600);
        assertThat(ok("whoami", Map.of()).path("id").asText()).isEqualTo(me);
        for (String line : mcp.lines()) {
            assertThat(InProcessMcp.JSON.readTree(line).path("jsonrpc").asText())
                    .isEqualTo("2.0");
        }
    }
}
