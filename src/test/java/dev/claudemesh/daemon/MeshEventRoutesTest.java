package dev.claudemesh.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudemesh.support.Sleepers;
import dev.claudemesh.support.TestDaemon;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MeshEventRoutesTest {
    @TempDir
    static Path home;

    static TestDaemon d;
    static Sleepers sleepers = new Sleepers();

    @BeforeAll
    static void start() throws Exception {
        d = TestDaemon.startHosted(home); // this JVM is then the tray app, which may send as "tray"
    }

    @AfterAll
    static void stop() throws Exception {
        d.close();
        sleepers.close();
    }

    private static long cursor() throws Exception {
        return d.client.get("/v1/sessions").path("seq").asLong();
    }

    private static List<String> types(JsonNode answer) {
        List<String> out = new ArrayList<>();
        answer.path("events").forEach(e -> out.add(e.path("type").asText()));
        return out;
    }

    private static Map<String, String> auth() {
        return Map.of("Authorization", "Bearer " + d.token);
    }

    @Test
    void a_session_and_its_messages_appear_in_order_with_their_fields() throws Exception {
        long seq = cursor();
        long pid = sleepers.start();
        String id = d.register("feed-1", pid, "/tmp/feed/alpha").path("id").asText();
        d.client.post("/v1/sessions/" + id + "/idle", Map.of("idle", true));
        d.client.post("/v1/sessions/" + id + "/attach", Map.of("kind", "supervisor", "pid", sleepers.start()));
        JsonNode sent = d.client.post("/v1/messages", Map.of("from", "tray", "to", id, "kind", "task", "body", "hi"));
        String mid = sent.path("id").asText();
        JsonNode lease = d.client.post("/v1/sessions/" + id + "/lease", Map.of("holder", "supervisor"));
        d.client.post("/v1/leases/" + lease.path("lease_id").asText() + "/ack", null);
        d.client.post("/v1/sessions/" + id + "/end", Map.of("reason", "exit"));

        JsonNode r = d.client.meshEvents(seq, 5_000);

        assertThat(r.path("truncated").asBoolean()).isFalse();
        assertThat(types(r))
                .containsSubsequence(
                        "session.registered",
                        "session.idle",
                        "session.attached",
                        "message.sent",
                        "message.leased",
                        "message.delivered",
                        "session.ended");
        assertThat(r.path("seq").asLong())
                .isEqualTo(r.path("events")
                        .get(r.path("events").size() - 1)
                        .path("seq")
                        .asLong());
        for (JsonNode e : r.path("events")) {
            assertThat(e.path("session").asText()).isEqualTo(id);
            assertThat(e.path("seq").asLong()).isGreaterThan(seq);
            switch (e.path("type").asText()) {
                case "session.attached" -> assertThat(e.path("kind").asText()).isEqualTo("supervisor");
                case "message.sent" -> {
                    assertThat(e.path("message_id").asText()).isEqualTo(mid);
                    assertThat(e.path("kind").asText()).isEqualTo("task");
                    assertThat(e.path("from").asText()).isEqualTo("tray");
                }
                case "message.leased" -> assertThat(e.path("path").asText()).isEqualTo("supervisor");
                case "message.delivered" -> {
                    assertThat(e.path("message_id").asText()).isEqualTo(mid);
                    assertThat(e.path("path").asText()).isEqualTo("supervisor");
                }
                default -> {}
            }
        }
    }

    @Test
    void a_poll_behind_the_stream_answers_at_once() throws Exception {
        long seq = cursor();
        d.register("feed-2", sleepers.start(), "/tmp/feed/beta");
        CompletableFuture<JsonNode> r = CompletableFuture.supplyAsync(() -> poll(seq, 50_000));
        assertThat(r.get(20, TimeUnit.SECONDS).path("events")).isNotEmpty();
    }

    @Test
    void a_parked_poll_wakes_when_something_happens() throws Exception {
        long seq = cursor();
        CompletableFuture<JsonNode> r = CompletableFuture.supplyAsync(() -> poll(seq, 50_000));
        Thread.sleep(300); // parked in the daemon by now (if it were not, it would answer 204 or nothing new)
        assertThat(r).isNotDone();
        String id = d.register("feed-3", sleepers.start(), "/tmp/feed/gamma")
                .path("id")
                .asText();
        JsonNode got = r.get(20, TimeUnit.SECONDS);
        assertThat(types(got)).contains("session.registered");
        assertThat(got.path("events").get(0).path("session").asText()).isEqualTo(id);
    }

    @Test
    void without_after_it_waits_for_what_happens_from_now() throws Exception {
        d.register("feed-4", sleepers.start(), "/tmp/feed/delta");
        assertThat(d.client.meshEvents(-1, 300)).isNull(); // the registration above is not "new"
    }

    @Test
    void nothing_new_before_the_timeout_is_204() throws Exception {
        var r = d.raw("GET", "/v1/events?after=" + cursor() + "&timeout=200", auth(), null);
        assertThat(r.status()).isEqualTo(204);
    }

    @Test
    void a_cursor_from_another_daemon_run_is_truncated_so_the_client_reloads() throws Exception {
        long now = cursor();
        JsonNode old = d.client.meshEvents(1000, 1_000);
        assertThat(old.path("truncated").asBoolean()).isTrue();
        assertThat(old.path("seq").asLong()).isEqualTo(now);
        JsonNode future = d.client.meshEvents(now + 1_000_000, 1_000);
        assertThat(future.path("truncated").asBoolean()).isTrue();
    }

    @Test
    void bad_parameters_are_400_with_a_sentence() throws Exception {
        for (String q : List.of("after=abc", "after=-5", "timeout=56000", "timeout=-1", "timeout=soon")) {
            var r = d.raw("GET", "/v1/events?" + q, auth(), null);
            assertThat(r.status()).as(q).isEqualTo(400);
            assertThat(r.body()).as(q).containsAnyOf("after must be", "timeout must be");
        }
    }

    @Test
    void the_inbox_lists_delivered_messages_too() throws Exception {
        String id = d.register("feed-5", sleepers.start(), "/tmp/feed/eps")
                .path("id")
                .asText();
        d.client.post("/v1/messages", Map.of("from", "tray", "to", id, "kind", "note", "body", "first"));
        d.client.post("/v1/sessions/" + id + "/drain", Map.of());
        d.client.post("/v1/messages", Map.of("from", "cli", "to", id, "kind", "task", "body", "second"));
        JsonNode inbox = d.client.get("/v1/sessions/" + id + "/inbox?limit=10").path("messages");
        assertThat(inbox).hasSize(2);
        assertThat(inbox.get(0).path("body").asText()).isEqualTo("second");
        assertThat(inbox.get(0).path("state").asText()).isEqualTo("pending");
        assertThat(inbox.get(1).path("state").asText()).isEqualTo("acked");
        assertThat(inbox.get(1).path("delivered_via").asText()).isEqualTo("drain");
    }

    private static JsonNode poll(long after, long timeout) {
        try {
            return d.client.meshEvents(after, timeout);
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
    }
}
