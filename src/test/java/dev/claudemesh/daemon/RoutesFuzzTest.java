package dev.claudemesh.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.claudemesh.api.Endpoints;
import dev.claudemesh.support.RawHttp;
import dev.claudemesh.support.Sleepers;
import dev.claudemesh.support.TestDaemon;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Property-based fuzzing of every HTTP route: hostile path parameters and malformed bodies always get a JSON 4xx
 * (a hook may answer 200 with nothing to say), never a 500 or a hang, and never change the daemon's state.
 */
class RoutesFuzzTest {
    static Path dir;
    static TestDaemon d;
    static Sleepers sleepers;
    static String victim;
    static final ObjectMapper JSON = new ObjectMapper();

    static final List<String> PARAM_ROUTES = List.of(
            "GET " + Endpoints.Routes.SESSION,
            "GET " + Endpoints.Routes.SESSION_BY_PID,
            "GET " + Endpoints.Routes.SESSION_BY_SESSION_ID,
            "POST " + Endpoints.Routes.SESSION_IDLE,
            "POST " + Endpoints.Routes.SESSION_END,
            "POST " + Endpoints.Routes.SESSION_ATTACH,
            "POST " + Endpoints.Routes.SESSION_DETACH,
            "GET " + Endpoints.Routes.SESSION_EVENTS,
            "GET " + Endpoints.Routes.SESSION_MESSAGES,
            "POST " + Endpoints.Routes.SESSION_LEASE,
            "POST " + Endpoints.Routes.SESSION_ACK,
            "POST " + Endpoints.Routes.SESSION_DRAIN,
            "GET " + Endpoints.Routes.SESSION_HISTORY,
            "GET " + Endpoints.Routes.SESSION_SEARCH,
            "GET " + Endpoints.Routes.SESSION_TURN,
            "GET " + Endpoints.Routes.MESSAGE,
            "POST " + Endpoints.Routes.LEASE_ACK,
            "POST " + Endpoints.Routes.LEASE_RELEASE,
            "POST " + Endpoints.Routes.HOOK);

    /** Routes whose body has required fields: a malformed one must be refused. */
    static final List<String> BODY_ROUTES = List.of(
            Endpoints.SESSIONS,
            Endpoints.MESSAGES,
            Endpoints.hook("UserPromptSubmit"),
            Endpoints.hook("Stop"),
            Endpoints.hook("SessionStart"),
            Endpoints.WAITER_ATTACH,
            Endpoints.WAITER_CLAIM);

    @BeforeContainer
    static void start() throws Exception {
        dir = Files.createTempDirectory("claudemesh-fuzz");
        d = TestDaemon.start(dir);
        sleepers = new Sleepers();
        victim = d.register("fuzz-victim", sleepers.start(), "/tmp/work/victim")
                .path("id")
                .asText();
        d.client.post(Endpoints.MESSAGES, Map.of("to", victim, "body", "keep me"));
    }

    @AfterContainer
    static void stop() throws Exception {
        d.close();
        sleepers.close();
        dev.claudemesh.support.TempDirs.deleteTree(dir);
    }

    static Map<String, String> auth() {
        return Map.of("Authorization", "Bearer " + d.token, "Content-Type", "application/json");
    }

    /** Live sessions and the victim's waiting messages: what no refused request may change. */
    static String state() throws Exception {
        return d.client.get(Endpoints.SESSIONS).path("sessions").findValues("id") + " "
                + d.client.get(Endpoints.messages(victim)).path("messages").size();
    }

    @Provide
    Arbitrary<String> hostile() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMinLength(0).ofMaxLength(40),
                Arbitraries.strings()
                        .withCharRange('\u0000', '\u001f')
                        .ofMinLength(1)
                        .ofMaxLength(10),
                Arbitraries.of(
                        "..",
                        "../../etc/passwd",
                        "%2e%2e%2f",
                        "/",
                        "//",
                        "\\",
                        "~",
                        "$HOME",
                        "a\u0000b",
                        "null",
                        "-1",
                        "0",
                        "9999999999999999999999",
                        "1e400",
                        "\u202e",
                        "\ud800",
                        "<script>",
                        "' OR 1=1 --"),
                Arbitraries.strings().alpha().ofLength(5).map(s -> s.repeat(4000)));
    }

    @Provide
    Arbitrary<String> malformedBody() {
        Arbitrary<Object> wrongType = Arbitraries.oneOf(
                Arbitraries.integers().map(i -> (Object) i),
                Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.just(List.of()),
                Arbitraries.just(Map.of("nested", List.of(1, 2))),
                Arbitraries.doubles().map(x -> (Object) x));
        Arbitrary<String> wrongTypes = Combinators.combine(
                        Arbitraries.of("session_id", "pid", "cwd", "to", "body", "input", "id", "hook_pid", "from"),
                        wrongType)
                .as((k, v) -> {
                    Map<String, Object> m = new java.util.HashMap<>(Map.of("input", v, "to", v, "body", v));
                    m.put("session_id", v);
                    m.put(k, v);
                    return write(m);
                });
        return Arbitraries.oneOf(
                hostile(),
                wrongTypes,
                Arbitraries.of("", " ", "[]", "[1,2]", "\"x\"", "42", "null", "{", "{\"a\":", "{\"input\":[]}", "}{"),
                Arbitraries.integers().between(1, 200).map(n -> "[".repeat(n * 10)),
                Arbitraries.integers().between(1, 50).map(n -> "{\"input\":" + "{\"a\":".repeat(n * 30)));
    }

    static String write(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static void assertRefused(String what, RawHttp.Response r, boolean hookMayPass) {
        assertThat(r.status()).as(what + " -> " + r.body()).isLessThan(500);
        if (!(hookMayPass && r.status() == 200)) {
            assertThat(r.status()).as(what + " -> " + r.body()).isBetween(400, 499);
            assertThat(r.body()).as(what).startsWith("{\"error\":");
        }
    }

    @Property(tries = 150)
    void a_hostile_path_parameter_is_a_json_4xx_and_changes_nothing(
            @ForAll("hostile") String value, @ForAll("routeIndex") int route) throws Exception {
        net.jqwik.api.Assume.that(!value.isEmpty());
        String[] mr = PARAM_ROUTES.get(route).split(" ", 2);
        String path = mr[1].replaceAll("\\{[a-z]+}", Endpoints.segment(value));
        String before = state();

        RawHttp.Response r = d.raw(mr[0], path, auth(), mr[0].equals("POST") ? "{}" : null);

        assertRefused(mr[0] + " " + path, r, mr[1].equals(Endpoints.Routes.HOOK));
        assertThat(state()).isEqualTo(before);
    }

    @Provide
    Arbitrary<Integer> routeIndex() {
        return Arbitraries.integers().between(0, PARAM_ROUTES.size() - 1);
    }

    @Provide
    Arbitrary<Integer> bodyRouteIndex() {
        return Arbitraries.integers().between(0, BODY_ROUTES.size() - 1);
    }

    @Property(tries = 200)
    void a_malformed_body_is_a_json_4xx_and_changes_nothing(
            @ForAll("malformedBody") String body, @ForAll("bodyRouteIndex") int route) throws Exception {
        String path = BODY_ROUTES.get(route);
        String before = state();

        RawHttp.Response r = d.raw("POST", path, auth(), body);

        assertRefused("POST " + path + " " + abbreviate(body), r, false);
        assertThat(state()).isEqualTo(before);
    }

    @Property(tries = 100)
    void hostile_query_parameters_on_history_and_search_are_a_json_4xx(
            @ForAll("hostile") String value, @ForAll("queryName") String name) throws Exception {
        String path = Endpoints.session(victim) + (name.equals("q") ? "/search" : "/history") + "?" + name + "="
                + Endpoints.query(value) + (name.equals("q") ? "&regex=true" : "");

        RawHttp.Response r = d.raw("GET", path, auth(), null);

        assertThat(r.status()).as(path + " -> " + r.body()).isLessThan(500);
        assertThat(r.body()).startsWith("{");
    }

    @Provide
    Arbitrary<String> queryName() {
        return Arbitraries.of("q", "last_n", "redact");
    }

    static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
