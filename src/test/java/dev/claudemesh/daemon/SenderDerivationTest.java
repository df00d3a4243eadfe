package dev.claudemesh.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.claudemesh.api.Endpoints;
import dev.claudemesh.support.RawHttp;
import dev.claudemesh.support.ShellSession;
import dev.claudemesh.support.Sleepers;
import dev.claudemesh.support.TestDaemon;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon learns who sends a message from the calling process (its loopback connection's owner and that
 * process's ancestors), not from the {@code from} a request claims. The callers are real processes: curl run by
 * a shell registered as claude session A (so curl is a process inside A, like a Bash tool call), curl run by an
 * unregistered shell (a person at a terminal), and this JVM.
 */
class SenderDerivationTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    TestDaemon d;
    final Sleepers sleepers = new Sleepers();
    ShellSession claudeA;
    ShellSession terminal;
    String a;
    String b;
    String target;

    @BeforeEach
    void start() throws Exception {
        d = TestDaemon.start(dir.resolve("mesh"));
        claudeA = ShellSession.start(dir.resolve("sh-a"));
        terminal = ShellSession.start(dir.resolve("sh-person"));
        a = d.register("sess-a", claudeA.pid(), "/work/alpha").path("id").asText();
        b = d.register("sess-b", sleepers.start(), "/work/beta").path("id").asText();
        target = d.register("sess-t", sleepers.start(), "/work/target")
                .path("id")
                .asText();
    }

    @AfterEach
    void stop() throws Exception {
        claudeA.close();
        terminal.close();
        d.close();
        sleepers.close();
    }

    String send(String from) throws Exception {
        return JSON.writeValueAsString(
                from == null
                        ? Map.of("to", "target", "body", "run the tests")
                        : Map.of("from", from, "to", "target", "body", "run the tests"));
    }

    JsonNode inbox() throws Exception {
        return d.client.get(Endpoints.messages(target)).path("messages");
    }

    @Test
    void a_process_inside_session_a_claiming_to_be_b_is_refused_and_nothing_is_stored() throws Exception {
        RawHttp.Response r = claudeA.post(d, Endpoints.MESSAGES, send(b));

        assertThat(r.status()).as(r.body()).isEqualTo(403);
        String error = JSON.readTree(r.body()).path("error").asText();
        assertThat(error).contains("session " + b, "(from: '" + b + "')", "curl", "claude session " + a, "alpha");
        assertThat(inbox()).isEmpty();
    }

    @Test
    void a_process_inside_session_a_with_no_from_sends_as_a_and_the_recipient_sees_a() throws Exception {
        RawHttp.Response r = claudeA.post(d, Endpoints.MESSAGES, send(null));

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(JSON.readTree(r.body()).path("from").asText()).isEqualTo(a);
        assertThat(inbox().get(0).path("from").asText()).isEqualTo(a);
        JsonNode lease = d.client.post(
                Endpoints.lease(target), Map.of("holder", "hook:prompt", "render", "prompt_context", "ttl_ms", 30_000));
        assertThat(lease.path("rendered").asText())
                .contains("from=\"" + a + " (alpha)\"", "run the tests")
                .doesNotContain("from=\"cli");
    }

    @Test
    void a_process_inside_session_a_claiming_its_own_id_is_sent_as_a() throws Exception {
        assertThat(claudeA.post(d, Endpoints.MESSAGES, send(a)).status()).isEqualTo(200);
        assertThat(inbox().get(0).path("from").asText()).isEqualTo(a);
    }

    @Test
    void cli_claimed_from_inside_a_session_becomes_that_session() throws Exception {
        RawHttp.Response r = claudeA.post(d, Endpoints.MESSAGES, send("cli"));

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(JSON.readTree(r.body()).path("from").asText()).isEqualTo(a);
        assertThat(inbox().get(0).path("from").asText()).isEqualTo(a);
    }

    @Test
    void tray_claimed_from_inside_a_session_is_refused() throws Exception {
        RawHttp.Response r = claudeA.post(d, Endpoints.MESSAGES, send("tray"));

        assertThat(r.status()).as(r.body()).isEqualTo(403);
        assertThat(r.body()).contains("the tray app", "claude session " + a);
        assertThat(inbox()).isEmpty();
    }

    @Test
    void a_process_with_no_claude_ancestor_claiming_a_session_is_refused() throws Exception {
        RawHttp.Response r = terminal.post(d, Endpoints.MESSAGES, send(a));

        assertThat(r.status()).as(r.body()).isEqualTo(403);
        assertThat(JSON.readTree(r.body()).path("error").asText())
                .contains("session " + a, "curl", "no claude session among its ancestors");
        assertThat(inbox()).isEmpty();
    }

    @Test
    void a_process_with_no_claude_ancestor_is_a_person_at_a_terminal() throws Exception {
        RawHttp.Response r = terminal.post(d, Endpoints.MESSAGES, send(null));

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(inbox().get(0).path("from").asText()).isEqualTo("cli");
    }

    @Test
    void only_the_tray_app_sends_as_tray() throws Exception {
        RawHttp.Response person = terminal.post(d, Endpoints.MESSAGES, send("tray"));
        assertThat(person.status()).as(person.body()).isEqualTo(403);
        assertThat(person.body()).contains("is not the tray app");
        assertThat(inbox()).isEmpty();
    }

    @Test
    void a_daemon_hosted_by_the_tray_app_takes_tray_from_its_own_process_and_nobody_else() throws Exception {
        d.close();
        d = TestDaemon.startHosted(dir.resolve("hosted"));
        ShellSession inside = ShellSession.start(dir.resolve("sh-hosted"));
        try {
            String id = d.register("sess-h", inside.pid(), "/work/hosted")
                    .path("id")
                    .asText();
            d.register("sess-t2", sleepers.start(), "/work/target");

            assertThat(d.client
                            .post(Endpoints.MESSAGES, Map.of("from", "tray", "to", "target", "body", "hi"))
                            .path("from")
                            .asText())
                    .isEqualTo("tray");
            assertThat(d.client
                            .post(Endpoints.MESSAGES, Map.of("to", "target", "body", "hi"))
                            .path("from")
                            .asText())
                    .isEqualTo("cli");
            RawHttp.Response asSession = d.raw(
                    "POST",
                    Endpoints.MESSAGES,
                    Map.of("Authorization", "Bearer " + d.token, "Content-Type", "application/json"),
                    "{\"from\":\"" + id + "\",\"to\":\"target\",\"body\":\"hi\"}");
            assertThat(asSession.status()).as(asSession.body()).isEqualTo(403);
            assertThat(asSession.body()).contains("the tray app");
            assertThat(inside.post(d, Endpoints.MESSAGES, send("tray")).status())
                    .isEqualTo(403);
        } finally {
            inside.close();
        }
    }

    /** A process that names itself in tray.lock (opened or not), then becomes curl: same pid, same open files. */
    RawHttp.Response fromLockHolder(boolean holdsLock, String json) throws Exception {
        Path lock = d.home.trayLockFile();
        Path body = dir.resolve("tray-body.json");
        Path answer = dir.resolve("tray-answer.json");
        java.nio.file.Files.writeString(body, json);
        String script = "echo $$ > '" + lock + "'; " + (holdsLock ? "exec 3<'" + lock + "'; " : "")
                + "exec curl -sS -o '" + answer + "' -w '%{http_code}' -H @'" + d.home.authHeaderFile()
                + "' -H 'Content-Type: application/json' --data-binary @'" + body + "' 'http://127.0.0.1:"
                + d.port() + Endpoints.MESSAGES + "'";
        Process p =
                new ProcessBuilder("sh", "-c", script).redirectErrorStream(true).start();
        String status = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        p.waitFor();
        return new RawHttp.Response(Integer.parseInt(status.trim()), java.nio.file.Files.readString(answer));
    }

    @Test
    void the_tray_app_is_the_process_that_holds_tray_lock_and_names_itself_in_it() throws Exception {
        RawHttp.Response holder = fromLockHolder(true, send("tray"));
        assertThat(holder.status()).as(holder.body()).isEqualTo(200);
        assertThat(JSON.readTree(holder.body()).path("from").asText()).isEqualTo("tray");

        RawHttp.Response stale = fromLockHolder(false, send("tray"));
        assertThat(stale.status())
                .as("named in a lock it does not hold: " + stale.body())
                .isEqualTo(403);
        assertThat(inbox()).hasSize(1);
    }
}
