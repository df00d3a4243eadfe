package dev.claudemesh.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudemesh.support.RawHttp;
import dev.claudemesh.support.ShellSession;
import dev.claudemesh.support.Sleepers;
import dev.claudemesh.support.TestDaemon;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecurityTest {
    @TempDir
    static Path home;

    static TestDaemon d;
    static Sleepers sleepers = new Sleepers();
    static String sessionId;

    @BeforeAll
    static void start() throws Exception {
        d = TestDaemon.start(home);
        sessionId = d.register("sec-1", sleepers.start(), "/tmp/work/api")
                .path("id")
                .asText();
    }

    @AfterAll
    static void stop() throws Exception {
        d.close();
        sleepers.close();
    }

    /** The thin hooks' route ({@link ThinHookHandler}, not Javalin): every check below holds there too. */
    static final String THIN = "/v1/thin/Stop";

    static final String THIN_BODY = "{\"session_id\":\"sec-1\",\"cwd\":\"/tmp/work/api\"}";

    private RawHttp.Response thin(Map<String, String> headers) throws Exception {
        return d.raw("POST", THIN, headers, THIN_BODY);
    }

    private Map<String, String> auth() {
        Map<String, String> h = new HashMap<>();
        h.put("Authorization", "Bearer " + d.token);
        h.put("Content-Type", "application/json");
        return h;
    }

    @Test
    void request_without_token_is_401() throws Exception {
        RawHttp.Response r = d.raw("GET", "/v1/health", Map.of(), null);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.body()).contains("\"error\"").contains("token");
        RawHttp.Response t = thin(Map.of("Content-Type", "application/json"));
        assertThat(t.status()).isEqualTo(401);
        assertThat(t.body()).contains("\"error\"").contains("token");
    }

    @Test
    void request_with_wrong_token_is_401() throws Exception {
        String wrong = d.token.substring(0, d.token.length() - 1) + (d.token.endsWith("a") ? "b" : "a");
        RawHttp.Response r = d.raw("GET", "/v1/health", Map.of("Authorization", "Bearer " + wrong), null);
        assertThat(r.status()).isEqualTo(401);
        assertThat(thin(Map.of("Authorization", "Bearer " + wrong, "Content-Type", "application/json"))
                        .status())
                .isEqualTo(401);
    }

    @Test
    void request_with_token_is_served() throws Exception {
        RawHttp.Response r = d.raw("GET", "/v1/health", auth(), null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("\"status\":\"ok\"");
        long before = d.daemon.app().rawThinServed();
        assertThat(thin(auth()).status()).isEqualTo(200);
        assertThat(d.daemon.app().rawThinServed())
                .as("served by ThinHookHandler")
                .isEqualTo(before + 1);
    }

    @Test
    void foreign_host_header_is_403_even_with_token() throws Exception {
        Map<String, String> h = auth();
        h.put("Host", "attacker.example:" + d.port());
        assertThat(d.raw("GET", "/v1/health", h, null).status()).isEqualTo(403);
        assertThat(thin(h).status()).isEqualTo(403);
        h.put("Host", "127.0.0.1:1");
        assertThat(d.raw("GET", "/v1/health", h, null).status()).isEqualTo(403);
        assertThat(thin(h).status()).isEqualTo(403);
    }

    @Test
    void localhost_host_header_is_accepted() throws Exception {
        Map<String, String> h = auth();
        h.put("Host", "localhost:" + d.port());
        assertThat(d.raw("GET", "/v1/health", h, null).status()).isEqualTo(200);
        assertThat(thin(h).status()).isEqualTo(200);
    }

    @Test
    void any_origin_header_is_403() throws Exception {
        Map<String, String> h = auth();
        h.put("Origin", "http://127.0.0.1:" + d.port());
        RawHttp.Response r = d.raw("GET", "/v1/sessions", h, null);
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.body()).contains("Origin");
        RawHttp.Response t = thin(h);
        assertThat(t.status()).isEqualTo(403);
        assertThat(t.body()).contains("Origin");
    }

    @Test
    void non_json_body_is_415() throws Exception {
        Map<String, String> h = auth();
        h.put("Content-Type", "text/plain");
        RawHttp.Response r = d.raw("POST", "/v1/messages", h, "{\"to\":\"api\",\"body\":\"x\"}");
        assertThat(r.status()).isEqualTo(415);
        assertThat(r.body()).contains("application/json");
        RawHttp.Response t = thin(h);
        assertThat(t.status()).isEqualTo(415);
        assertThat(t.body()).contains("application/json");
    }

    @Test
    void body_over_one_mebibyte_is_413() throws Exception {
        String big = "{\"to\":\"api\",\"body\":\"" + "x".repeat(1024 * 1024 + 10) + "\"}";
        assertThat(d.raw("POST", "/v1/messages", auth(), big).status()).isEqualTo(413);
        assertThat(d.raw("POST", THIN, auth(), big).status()).isEqualTo(413);
    }

    @Test
    void message_body_over_64_kib_is_413_with_the_sizes() throws Exception {
        String body = "{\"to\":\"api\",\"body\":\"" + "y".repeat(64 * 1024 + 1) + "\"}";
        RawHttp.Response r = d.raw("POST", "/v1/messages", auth(), body);
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.body()).contains("65537 bytes").contains("65536");
    }

    @Test
    void malformed_ids_are_400_with_a_sentence() throws Exception {
        RawHttp.Response r = d.raw("GET", "/v1/sessions/..%2Fetc", auth(), null);
        assertThat(r.status()).isIn(400, 404);
        RawHttp.Response bad = d.raw("GET", "/v1/sessions/ABC", auth(), null);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("is not a claudemesh id");
        RawHttp.Response pid = d.raw("GET", "/v1/sessions/by-pid/-5", auth(), null);
        assertThat(pid.status()).isEqualTo(400);
        assertThat(pid.body()).contains("pid -5 is out of range");
        RawHttp.Response notNumber = d.raw("GET", "/v1/sessions/by-pid/abc", auth(), null);
        assertThat(notNumber.status()).isEqualTo(400);
        RawHttp.Response sid =
                d.raw("POST", "/v1/sessions", auth(), "{\"session_id\":\"../../x\",\"pid\":1,\"cwd\":\"/tmp\"}");
        assertThat(sid.status()).isEqualTo(400);
        assertThat(sid.body()).contains("is not a Claude Code session id");
        RawHttp.Response lease = d.raw("POST", "/v1/leases/zzz/ack", auth(), "{}");
        assertThat(lease.status()).isEqualTo(400);
    }

    @Test
    void malformed_json_is_400_and_no_stack_trace_leaves() throws Exception {
        RawHttp.Response r = d.raw("POST", "/v1/messages", auth(), "{not json");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).startsWith("{\"error\":").doesNotContain("at dev.").doesNotContain("Exception");
        RawHttp.Response wrongType = d.raw("POST", "/v1/sessions", auth(), "{\"session_id\":5,\"pid\":\"x\"}");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.body()).contains("must be a string");
    }

    @Test
    void unknown_endpoint_is_a_json_404() throws Exception {
        RawHttp.Response r = d.raw("GET", "/v1/nothing-here", auth(), null);
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.body()).startsWith("{\"error\":");
    }

    @Test
    void home_folder_is_0700_and_token_and_state_files_0600() throws Exception {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home)))
                .isEqualTo("rwx------");
        for (Path f : new Path[] {d.home.tokenFile(), d.home.stateFile(), d.home.database(), d.home.lockFile()}) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
                    .as(f.toString())
                    .isEqualTo("rw-------");
        }
    }

    @Test
    void send_to_self_is_refused(@TempDir Path scratch) throws Exception {
        try (ShellSession inside = ShellSession.start(scratch)) {
            String self = d.register("sec-self", inside.pid(), "/tmp/work/itself")
                    .path("id")
                    .asText();
            RawHttp.Response r = inside.post(d, "/v1/messages", "{\"to\":\"itself\",\"body\":\"hi\"}");
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.body()).contains("cannot send a message to itself", self);
        }
    }
}
