package dev.claudemesh.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudemesh.api.Endpoints;
import dev.claudemesh.config.MeshHome;
import dev.claudemesh.support.RawHttp;
import dev.claudemesh.support.ShellSession;
import dev.claudemesh.support.Sleepers;
import dev.claudemesh.support.TestDaemon;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon's thin MCP route ({@code Endpoints.THIN_MCP}) over HTTP against a real in-process daemon, compared with
 * the stdio server ({@link McpMain#serve}) on the same daemon: the same initialize and tools/list, tool calls that
 * find "self" by claude's pid, and the protocol edges the thin launcher relies on.
 */
class ThinMcpRouteTest {
    static final String INIT = "{\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
            + "\"capabilities\":{},\"clientInfo\":{\"name\":\"test\",\"version\":\"1\"}},\"jsonrpc\":\"2.0\",\"id\":0}";
    static final String INITIALIZED = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}";

    @TempDir
    static Path tmp;

    static TestDaemon d;
    static Sleepers sleepers = new Sleepers();
    static List<ShellSession> servers = new ArrayList<>();
    static long claude;
    static String me;

    @BeforeAll
    static void start() throws Exception {
        d = TestDaemon.start(tmp.resolve("mesh"), tmp.resolve("claude"));
        claude = sleepers.start();
        me = d.register("sess-thin", claude, "/home/dev/thinapp").path("id").asText();
    }

    @AfterAll
    static void stop() throws Exception {
        d.close();
        sleepers.close();
        for (ShellSession s : servers) {
            s.close();
        }
    }

    /** One message as the thin launcher posts it: a curl, child of MCP server {@code mcp}, names its parent. */
    static RawHttp.Response post(ShellSession mcp, String line, boolean introduced) throws Exception {
        Map<String, String> h = new HashMap<>();
        h.put("X-Claudemesh-Builtin", "0");
        h.put("X-Claudemesh-Mcp-Introduced", introduced ? "1" : "0");
        return mcp.post(
                d, Endpoints.THIN_MCP + "message?mcp_pid=" + mcp.pid() + "&claude_pid=" + claude, line + "\n", h);
    }

    static JsonNode answer(RawHttp.Response r) throws Exception {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.header("X-Claudemesh-Thin")).isEqualTo("1");
        assertThat(r.header("X-Claudemesh-Mcp")).as(r.body()).isEqualTo("answer");
        return InProcessMcp.JSON.readTree(r.body());
    }

    /** A fresh MCP server (a real shell whose curl children relay its lines, as the thin launcher's do). */
    static ShellSession mcpServer() throws Exception {
        ShellSession s = ShellSession.start(tmp.resolve("mcp-" + servers.size()));
        servers.add(s);
        return s;
    }

    static String sendCall(String to, String body) {
        return "{\"method\":\"tools/call\",\"params\":{\"name\":\"send_message\",\"arguments\":{\"to\":\"" + to
                + "\",\"body\":\"" + body + "\"}},\"jsonrpc\":\"2.0\",\"id\":\"s-1\"}";
    }

    @Test
    void a_send_through_the_hosted_server_is_from_the_session_its_mcp_process_runs_in() throws Exception {
        ShellSession claudeLike = mcpServer(); // claude and its MCP server in one process: the curl is its child
        String self = d.register("sess-thin-self", claudeLike.pid(), "/home/dev/selfapp")
                .path("id")
                .asText();
        Map<String, String> h = new HashMap<>(Map.of("X-Claudemesh-Builtin", "0", "X-Claudemesh-Mcp-Introduced", "1"));
        String q = Endpoints.THIN_MCP + "message?mcp_pid=" + claudeLike.pid() + "&claude_pid=" + claudeLike.pid();
        answer(claudeLike.post(d, q, INIT, h));
        claudeLike.post(d, q, INITIALIZED, h);
        JsonNode r = answer(claudeLike.post(d, q, sendCall(me, "from the thin server"), h));
        assertThat(r.path("result").path("isError").asBoolean())
                .as(r.toString())
                .isFalse();
        JsonNode inbox = d.client.inbox(me, 10);
        assertThat(inbox.toString()).contains("from the thin server");
        assertThat(inbox.findValuesAsText("from")).contains(self);
    }

    @Test
    void the_hosted_server_cannot_send_as_a_session_its_process_does_not_run_in() throws Exception {
        String target = d.register("sess-thin-target", sleepers.start(), "/home/dev/target")
                .path("id")
                .asText();
        ShellSession pid = mcpServer(); // claims claude pid `claude` (session me) but descends from no session
        answer(post(pid, INIT, true));
        post(pid, INITIALIZED, true);
        JsonNode r = answer(post(pid, sendCall(target, "pretending to be me"), true));
        assertThat(r.path("result").path("isError").asBoolean())
                .as(r.toString())
                .isTrue();
        assertThat(r.toString()).contains("claims to be from session " + me);
        assertThat(d.client.inbox(target, 10).toString()).doesNotContain("pretending to be me");
    }

    @Test
    void a_line_relayed_by_a_process_that_is_not_the_named_server_or_its_child_is_refused() throws Exception {
        ShellSession mcp = mcpServer();
        Map<String, String> h = Map.of("Authorization", "Bearer " + d.token, "Content-Type", "application/json");
        RawHttp.Response r = d.raw( // from this JVM, naming another process as the MCP server
                "POST", Endpoints.THIN_MCP + "message?mcp_pid=" + mcp.pid() + "&claude_pid=" + claude, h, INIT);
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.body())
                .contains("names MCP server process " + mcp.pid(), "not that process or one of its children");
    }

    @Test
    void a_line_relayed_by_another_servers_curl_is_refused_and_its_own_is_not() throws Exception {
        ShellSession named = mcpServer();
        ShellSession other = mcpServer();
        Map<String, String> h = Map.of("X-Claudemesh-Builtin", "0", "X-Claudemesh-Mcp-Introduced", "1");
        String q = Endpoints.THIN_MCP + "message?mcp_pid=" + named.pid() + "&claude_pid=" + claude;
        RawHttp.Response r = other.post(d, q, INIT, h); // another MCP server's curl, naming this one
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.body()).contains("names MCP server process " + named.pid(), "(curl)", "not that process");
        assertThat(named.post(d, q, INIT, h).status()).isEqualTo(200);
    }

    @Test
    void initialize_and_tools_list_answer_exactly_what_the_stdio_server_answers() throws Exception {
        ShellSession pid = mcpServer();
        JsonNode init = answer(post(pid, INIT, true));
        assertThat(post(pid, INITIALIZED, true).header("X-Claudemesh-Mcp")).isEqualTo("none");
        JsonNode list = answer(post(pid, "{\"method\":\"tools/list\",\"jsonrpc\":\"2.0\",\"id\":1}", true));
        McpContext ctx = new McpContext(
                DaemonLink.existing(new MeshHome(d.home.dir())), new SelfIdentity(null, claude, null, 0));
        try (InProcessMcp stdio = new InProcessMcp(ctx)) {
            ObjectNode params = InProcessMcp.JSON.createObjectNode().put("protocolVersion", "2025-11-25");
            params.putObject("capabilities");
            params.putObject("clientInfo").put("name", "test").put("version", "1");
            JsonNode stdioInit = stdio.request("initialize", params);
            stdio.sendRaw(INITIALIZED);
            JsonNode stdioList = stdio.request("tools/list", null);
            assertThat(init.path("result")).isEqualTo(stdioInit.path("result"));
            assertThat(list.path("result")).isEqualTo(stdioList.path("result"));
        }
        assertThat(list.path("result").path("tools")).hasSize(7);
        assertThat(init.path("id").asInt()).isZero();
    }

    @Test
    void a_tool_call_finds_this_session_by_claudes_pid() throws Exception {
        ShellSession pid = mcpServer();
        answer(post(pid, INIT, true));
        post(pid, INITIALIZED, true);
        JsonNode r = answer(post(
                pid,
                "{\"method\":\"tools/call\",\"params\":{\"name\":\"whoami\",\"arguments\":{}},\"jsonrpc\":\"2.0\","
                        + "\"id\":\"w-1\"}",
                true));
        assertThat(r.path("id").asText()).isEqualTo("w-1");
        assertThat(r.path("result").path("isError").asBoolean()).isFalse();
        JsonNode who = InProcessMcp.json(r.path("result"));
        assertThat(who.path("id").asText()).isEqualTo(me);
        assertThat(who.path("found_by").asText()).isEqualTo("parent pid " + claude);
    }

    @Test
    void notifications_get_no_answer_and_bad_lines_get_json_rpc_errors() throws Exception {
        ShellSession pid = mcpServer();
        answer(post(pid, INIT, true));
        RawHttp.Response n = post(pid, INITIALIZED, true);
        assertThat(n.header("X-Claudemesh-Mcp")).isEqualTo("none");
        assertThat(n.body()).isEmpty();
        JsonNode parse = answer(post(pid, "this is not json", true));
        assertThat(parse.path("id").isNull()).isTrue();
        assertThat(parse.path("error").path("code").asInt()).isEqualTo(-32700);
        JsonNode invalid = answer(post(pid, "{\"jsonrpc\":\"1.0\",\"id\":4,\"method\":\"tools/list\"}", true));
        assertThat(invalid.path("id").asInt()).isEqualTo(4);
        assertThat(invalid.path("error").path("code").asInt()).isEqualTo(-32600);
        JsonNode unknown = answer(post(pid, "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"no/such\"}", true));
        assertThat(unknown.path("error").path("code").asInt()).isEqualTo(-32601);
    }

    @Test
    void a_server_this_daemon_never_saw_is_unknown_once_it_has_initialized_elsewhere() throws Exception {
        ShellSession pid = mcpServer();
        RawHttp.Response r = post(pid, "{\"method\":\"tools/list\",\"jsonrpc\":\"2.0\",\"id\":1}", true);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("X-Claudemesh-Mcp")).isEqualTo("unknown");
        assertThat(r.body()).isEmpty();
        // before its initialize (claude's first message is a server/discover probe) it is answered as stdio answers
        JsonNode probe = answer(post(
                pid, "{\"jsonrpc\":\"2.0\",\"id\":\"server-discover-probe-1\",\"method\":\"server/discover\"}", false));
        assertThat(probe.path("id").asText()).isEqualTo("server-discover-probe-1");
        assertThat(probe.path("error").path("code").asInt()).isEqualTo(-32601);
    }

    @Test
    void an_ended_server_is_forgotten_and_only_the_server_itself_can_end_it() throws Exception {
        ShellSession pid = mcpServer();
        answer(post(pid, INIT, true));
        post(pid, INITIALIZED, true);
        Map<String, String> h = Map.of("Authorization", "Bearer " + d.token, "Content-Type", "application/json");
        RawHttp.Response foreign = d.raw("POST", Endpoints.THIN_MCP + "end?mcp_pid=" + pid.pid(), h, "{}");
        assertThat(foreign.status()).as(foreign.body()).isEqualTo(403);
        assertThat(foreign.body()).contains("names MCP server process " + pid.pid());
        assertThat(answer(post(pid, "{\"method\":\"tools/list\",\"jsonrpc\":\"2.0\",\"id\":1}", true))
                        .path("result")
                        .path("tools")
                        .size())
                .as("still known after the refused end")
                .isPositive();
        RawHttp.Response end = pid.post(d, Endpoints.THIN_MCP + "end?mcp_pid=" + pid.pid(), "{}", Map.of());
        assertThat(end.status()).as(end.body()).isEqualTo(200);
        assertThat(end.body()).contains("\"ended\":true");
        assertThat(post(pid, "{\"method\":\"tools/list\",\"jsonrpc\":\"2.0\",\"id\":2}", true)
                        .header("X-Claudemesh-Mcp"))
                .isEqualTo("unknown");
    }

    @Test
    void a_message_without_the_servers_pid_is_refused_with_a_sentence() throws Exception {
        Map<String, String> h = Map.of("Authorization", "Bearer " + d.token, "Content-Type", "application/json");
        RawHttp.Response r = d.raw("POST", Endpoints.THIN_MCP + "message?claude_pid=" + claude, h, INIT);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("mcp_pid");
    }
}
