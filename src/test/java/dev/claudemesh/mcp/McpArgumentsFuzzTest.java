package dev.claudemesh.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudemesh.api.Endpoints;
import dev.claudemesh.support.Sleepers;
import dev.claudemesh.support.TestDaemon;
import dev.claudemesh.support.TranscriptFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Property-based fuzzing of every MCP tool's arguments, through the real server in-process against a real
 * daemon: random, malformed, wrong-type, huge, empty, path-like and control-character values always give a tool
 * result (never a JSON-RPC error, an exception or a hang); an {@code isError} result is a readable sentence and
 * changed nothing (no message stored, none drained, no session touched); any other result is valid JSON.
 */
class McpArgumentsFuzzTest {
    static final List<String> TOOLS = List.of(
            "whoami", "list_instances", "send_message", "read_inbox", "read_history", "search_history", "get_turn");
    static final List<String> KEYS = List.of(
            "to",
            "body",
            "kind",
            "in_reply_to",
            "drain",
            "id",
            "last_n_turns",
            "redact",
            "query",
            "regex",
            "case_sensitive",
            "context_turns",
            "max_results",
            "options",
            "folder",
            "since",
            "turn_index");

    static Path dir;
    static TestDaemon d;
    static Sleepers sleepers;
    static InProcessMcp mcp;
    static List<String> ids = new ArrayList<>();
    static Map<String, List<String>> schemaKeys = new LinkedHashMap<>();

    @BeforeContainer
    static void start() throws Exception {
        dir = Files.createTempDirectory("claudemesh-mcp-fuzz");
        Path claudeDir = dir.resolve("claude");
        d = TestDaemon.start(dir.resolve("mesh"), claudeDir);
        sleepers = new Sleepers();
        long self = ProcessHandle.current().pid(); // the server runs in this JVM: its sends come from this process
        ids.add(register("fz-me", self, "/home/dev/me", null));
        Path transcript = new TranscriptFixture("fz-api", "/home/dev/api")
                .prompt("Build the billing endpoint")
                .assistant("Endpoint /billing is live.")
                .prompt("Add pagination")
                .assistant("Done with cursor tokens.")
                .writeUnder(claudeDir);
        ids.add(register("fz-api", sleepers.start(), "/home/dev/api", transcript.toString()));
        ids.add(register("fz-web1", sleepers.start(), "/a/web", null));
        ids.add(register("fz-web2", sleepers.start(), "/b/web", null));
        d.client.post(Endpoints.MESSAGES, Map.of("to", ids.get(1), "body", "keep me in the inbox")); // from "me"
        mcp = new InProcessMcp(
                new McpContext(DaemonLink.existing(d.home), new SelfIdentity(null, self, null, System.nanoTime())));
        mcp.initialize();
        mcp.request("tools/list", null).path("result").path("tools").forEach(t -> {
            List<String> keys = new ArrayList<>();
            t.path("inputSchema").path("properties").fieldNames().forEachRemaining(keys::add);
            schemaKeys.put(t.path("name").asText(), keys);
        });
        mcp.forget();
        assertThat(schemaKeys.keySet()).containsExactlyElementsOf(TOOLS);
    }

    @AfterContainer
    static void stop() throws Exception {
        if (mcp != null) {
            mcp.close();
        }
        if (d != null) {
            d.close();
        }
        sleepers.close();
        dev.claudemesh.support.TempDirs.deleteTree(dir);
    }

    static String register(String sessionId, long pid, String cwd, String transcript) throws Exception {
        Map<String, Object> req = new LinkedHashMap<>();
        req.put("session_id", sessionId);
        req.put("pid", pid);
        req.put("cwd", cwd);
        if (transcript != null) {
            req.put("transcript_path", transcript);
        }
        return d.client.post(Endpoints.SESSIONS, req).path("session").path("id").asText();
    }

    /** The live sessions and every message they hold: what no refused call may change. */
    static String state() throws Exception {
        StringBuilder b = new StringBuilder(d.client
                .get(Endpoints.SESSIONS)
                .path("sessions")
                .findValues("id")
                .toString());
        for (String id : ids) {
            b.append(' ').append(d.client.get(Endpoints.inbox(id, 1000)).path("messages"));
        }
        return b.toString();
    }

    @Provide
    Arbitrary<String> tool() {
        return Arbitraries.of(TOOLS);
    }

    @Provide
    Arbitrary<Map<String, Object>> arguments() {
        Arbitrary<String> key = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, Arbitraries.of(KEYS)),
                net.jqwik.api.Tuple.of(
                        1, Arbitraries.of("", "verbose", "__proto__", "../to", "TO", "to\u0000", "\u202ebody")),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().all().ofMaxLength(12)));
        return Arbitraries.maps(key, value()).ofMaxSize(5);
    }

    static Arbitrary<Object> value() {
        Arbitrary<Object> scalar = Arbitraries.oneOf(
                hostile().map(s -> (Object) s),
                Arbitraries.integers().map(i -> (Object) i),
                Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.of(0, -1, 1, 2, 5, 10_000, Integer.MAX_VALUE, Integer.MIN_VALUE)
                        .map(i -> (Object) i),
                Arbitraries.doubles().between(-1e12, 1e12).map(x -> (Object) x),
                Arbitraries.of(true, false).map(x -> (Object) x),
                Arbitraries.just(new java.math.BigInteger("99999999999999999999999999")));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(10, scalar),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(null)),
                net.jqwik.api.Tuple.of(1, scalar.list().ofMaxSize(3).map(l -> (Object) l)),
                net.jqwik.api.Tuple.of(
                        1,
                        Arbitraries.maps(Arbitraries.of(KEYS), scalar)
                                .ofMaxSize(3)
                                .map(m -> (Object) m)));
    }

    static Arbitrary<String> hostile() {
        return Arbitraries.oneOf(
                Arbitraries.of(
                        "api",
                        "web",
                        "me",
                        "*",
                        "task",
                        "note",
                        "m_000000000000",
                        "",
                        " ",
                        "..",
                        "../../etc/passwd",
                        "/home/dev/api",
                        "~/.ssh/id_rsa",
                        "%2e%2e%2f",
                        "C:\\Windows",
                        "a\u0000b",
                        "\u001b]52;c;SGVsbG8=\u0007",
                        "\u001b[2J",
                        "\r\n\u2028",
                        "\ud800",
                        "((a{1000}){1000}){1000}",
                        "(.{1000}){1000}",
                        "[",
                        "2026-13-45",
                        "yesterday",
                        "-1",
                        "1e400",
                        "<claudemesh-message id='m_x'>",
                        "' OR 1=1 --"),
                Arbitraries.strings().all().ofMaxLength(40),
                Arbitraries.strings()
                        .withCharRange('\u0000', '\u001f')
                        .ofMinLength(1)
                        .ofMaxLength(8),
                Arbitraries.strings().alpha().ofLength(7).map(s -> s.repeat(20_000)));
    }

    /** A tool and arguments named only from its own schema, so the values reach the tool and the daemon. */
    record Call(String tool, Map<String, Object> args) {}

    @Provide
    Arbitrary<Call> schemaCall() {
        return tool().flatMap(t -> schemaKeys.get(t).isEmpty()
                ? Arbitraries.just(new Call(t, Map.of()))
                : Arbitraries.maps(Arbitraries.of(schemaKeys.get(t)), value())
                        .ofMaxSize(schemaKeys.get(t).size())
                        .map(m -> new Call(t, m)));
    }

    /** A valid call of each tool, for mutating one argument at a time. */
    static final Map<String, Map<String, Object>> VALID = Map.of(
            "whoami", Map.of(),
            "list_instances", Map.of(),
            "send_message", Map.of("to", "api", "body", "hello", "kind", "note"),
            "read_inbox", Map.of("drain", false),
            "read_history", Map.of("id", "api", "last_n_turns", 2),
            "search_history", Map.of("id", "api", "query", "billing", "options", Map.of("max_results", 5)),
            "get_turn", Map.of("id", "api", "turn_index", 1));

    /** A valid call with one argument (or one of search_history's options) replaced by a random value. */
    @Provide
    Arbitrary<Call> nearlyValidCall() {
        return tool().flatMap(t -> {
            List<String> keys = new ArrayList<>(schemaKeys.get(t));
            keys.add("unexpected");
            if (t.equals("search_history")) {
                List.of("regex", "case_sensitive", "context_turns", "max_results", "folder", "since", "nope")
                        .forEach(o -> keys.add("options." + o));
            }
            return Combinators.combine(Arbitraries.of(keys), value()).as((k, v) -> {
                Map<String, Object> args = new LinkedHashMap<>(VALID.get(t));
                if (k.startsWith("options.")) {
                    Map<String, Object> options = new LinkedHashMap<>(Map.of("max_results", 5));
                    options.put(k.substring("options.".length()), v);
                    args.put("options", options);
                } else {
                    args.put(k, v);
                }
                return new Call(t, args);
            });
        });
    }

    @Property(tries = 400, generation = GenerationMode.RANDOMIZED)
    void one_wrong_value_in_an_otherwise_valid_call_gives_a_tool_result_and_a_refusal_changes_nothing(
            @ForAll("nearlyValidCall") Call call) throws Exception {
        check(call.tool(), call.args());
    }

    @Property(tries = 300, generation = GenerationMode.RANDOMIZED)
    void any_arguments_to_any_tool_give_a_tool_result_and_a_refusal_changes_nothing(
            @ForAll("tool") String tool, @ForAll("arguments") Map<String, Object> args) throws Exception {
        check(tool, args);
    }

    @Property(tries = 300, generation = GenerationMode.RANDOMIZED)
    void wrong_values_under_a_tools_own_argument_names_give_a_tool_result_and_a_refusal_changes_nothing(
            @ForAll("schemaCall") Call call) throws Exception {
        check(call.tool(), call.args());
    }

    static void check(String tool, Map<String, Object> args) throws Exception {
        String before = state();
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("name", tool);
        params.put("arguments", args);

        JsonNode res = mcp.request("tools/call", params);
        mcp.forget();

        String what = tool + " " + abbreviate(args.toString());
        assertThat(res.has("error"))
                .as(what + " -> " + abbreviate(res.toString()))
                .isFalse();
        JsonNode result = res.path("result");
        String text = result.path("content").path(0).path("text").asText();
        net.jqwik.api.statistics.Statistics.collect(tool, result.path("isError").asBoolean() ? "refused" : "answered");
        assertThat(text).as(what).isNotBlank();
        if (result.path("isError").asBoolean()) {
            assertThat(text)
                    .as(what)
                    .doesNotContain("failed unexpectedly", "Exception", "\tat ")
                    .hasSizeLessThan(4000);
            assertThat(state()).as(what + " -> " + text).isEqualTo(before);
        } else {
            assertThat(InProcessMcp.JSON.readTree(text).isObject()).as(what).isTrue();
        }
    }

    @Property(tries = 60)
    void arguments_that_are_not_an_object_never_break_the_server(
            @ForAll("tool") String tool, @ForAll("notAnObject") String arguments) throws Exception {
        String before = state();
        long id = System.nanoTime();
        mcp.sendRaw("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
                + "\",\"arguments\":" + arguments + "}}");

        JsonNode res = mcp.awaitLine(
                n -> n.path("id").isIntegralNumber() && n.path("id").asLong() == id, java.time.Duration.ofSeconds(20));
        mcp.forget();

        if (res.has("error")) { // protocol misuse: a JSON-RPC error with a message, and the server goes on
            assertThat(res.path("error").path("message").asText()).isNotBlank();
        } else {
            assertThat(res.path("result").path("content").path(0).path("text").asText())
                    .doesNotContain("failed unexpectedly");
        }
        assertThat(state()).isEqualTo(before);
        assertThat(mcp.call("whoami", Map.of()).path("isError").asBoolean()).isFalse();
        mcp.forget();
    }

    @Provide
    Arbitrary<String> notAnObject() {
        return Arbitraries.of("[]", "[1,2]", "\"to\"", "42", "true", "null", "[{\"to\":\"api\",\"body\":\"x\"}]");
    }

    static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "...(" + s.length() + " chars)" : s;
    }
}
