package dev.claudemesh.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudemesh.api.SendRequest;
import dev.claudemesh.message.MessageKind;
import dev.claudemesh.support.Sleepers;
import dev.claudemesh.support.TestDaemon;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LongPollTest {
    @TempDir
    static Path home;

    static TestDaemon d;
    static Sleepers sleepers = new Sleepers();
    static String id;

    @BeforeAll
    static void start() throws Exception {
        d = TestDaemon.start(home);
        id = d.register("poll-1", sleepers.start(), "/tmp/poll/api").path("id").asText();
    }

    @AfterAll
    static void stop() throws Exception {
        d.close();
        sleepers.close();
    }

    private long currentSeq() throws Exception {
        JsonNode r = d.client.events(id, 0, 0);
        return r.path("seq").asLong();
    }

    @Test
    void polls_that_do_not_wait_leave_no_waiter_behind() throws Exception {
        long seq = currentSeq();
        for (int i = 0; i < 50; i++) {
            assertThat(d.client.events(id, seq, 0)).isNull(); // nothing new: 204
        }
        assertThat(d.daemon.mesh().events().waiting(id)).isZero();
    }

    /** How fast it wakes is a figure of the daemon benchmark; here: it waits, then a send wakes it. */
    @Test
    void a_parked_long_poll_wakes_when_a_message_arrives() throws Exception {
        long seq = currentSeq();
        CompletableFuture<JsonNode> woke = CompletableFuture.supplyAsync(() -> {
            try {
                return d.client.events(id, seq, 50_000);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(20)).until(() -> !woke.isDone());
        d.client.send(new SendRequest("cli", id, MessageKind.TASK, "wake up", null));
        JsonNode r = woke.get(20, TimeUnit.SECONDS);
        assertThat(r.path("events").get(0).path("type").asText()).isEqualTo("message");
    }

    @Test
    void a_poll_behind_the_cursor_returns_at_once() throws Exception {
        long seq = currentSeq();
        d.client.post("/v1/messages", Map.of("to", id, "body", "already there"));
        JsonNode r = d.client.events(id, seq, 55_000); // answered long before its timeout, or the test times out
        assertThat(r.path("events")).isNotEmpty();
        assertThat(r.path("session").path("pending").asInt()).isPositive();
    }

    @Test
    void nothing_new_before_the_timeout_is_204() throws Exception {
        long seq = currentSeq();
        long t0 = System.nanoTime();
        assertThat(d.client.events(id, seq, 300)).isNull();
        assertThat((System.nanoTime() - t0) / 1_000_000)
                .as("waited for its timeout")
                .isGreaterThanOrEqualTo(250L);
    }

    @Test
    void many_waiters_all_wake() throws Exception {
        long seq = currentSeq();
        List<CompletableFuture<JsonNode>> waiters = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            waiters.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return d.client.events(id, seq, 10_000);
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            }));
        }
        await().during(Duration.ofMillis(300))
                .atMost(Duration.ofSeconds(20))
                .until(() -> waiters.stream().noneMatch(CompletableFuture::isDone));
        d.client.post("/v1/messages", Map.of("to", id, "kind", "note", "body", "for everyone"));
        for (CompletableFuture<JsonNode> w : waiters) {
            assertThat(w.get(5, TimeUnit.SECONDS)).isNotNull();
        }
    }

    @Test
    void timeout_over_55_seconds_is_refused() throws Exception {
        var r = d.raw(
                "GET",
                "/v1/sessions/" + id + "/events?after=0&timeout=56000",
                Map.of("Authorization", "Bearer " + d.token),
                null);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("timeout must be");
    }
}
