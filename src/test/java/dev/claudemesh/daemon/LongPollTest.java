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
    void a_long_poll_is_woken_by_a_send_not_by_its_timeout() throws Exception {
        for (int round = 0; round < 5; round++) {
            long seq = currentSeq();
            CompletableFuture<Long> woke = CompletableFuture.supplyAsync(() -> {
                try {
                    JsonNode r = d.client.events(id, seq, 10_000);
                    assertThat(r.path("events").get(0).path("type").asText()).isEqualTo("message");
                    return System.nanoTime();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            Thread.sleep(200); // the poll is parked in the daemon by now
            assertThat(woke).isNotDone();
            long sentAt = System.nanoTime();
            d.client.post("/v1/messages", Map.of("to", id, "body", "wake " + round));
            long wokeAt = woke.get(9, TimeUnit.SECONDS); // the poll's own timeout is 10 s
            // how fast is a figure for the benchmarks, not for a test on a shared machine
            assertThat(wokeAt).isGreaterThan(sentAt);
        }
    }

    @Test
    void a_poll_behind_the_cursor_returns_at_once() throws Exception {
        long seq = currentSeq();
        d.client.post("/v1/messages", Map.of("to", id, "body", "already there"));
        long t0 = System.nanoTime();
        JsonNode r = d.client.events(id, seq, 20_000);
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(1_000);
        assertThat(r.path("events")).isNotEmpty();
        assertThat(r.path("session").path("pending").asInt()).isPositive();
    }

    @Test
    void nothing_new_before_the_timeout_is_204() throws Exception {
        long seq = currentSeq();
        long t0 = System.nanoTime();
        assertThat(d.client.events(id, seq, 300)).isNull();
        assertThat((System.nanoTime() - t0) / 1_000_000).isBetween(250L, 3_000L);
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
        Thread.sleep(300);
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
