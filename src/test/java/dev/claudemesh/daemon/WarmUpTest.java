package dev.claudemesh.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudemesh.support.Sleepers;
import dev.claudemesh.support.TestDaemon;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WarmUpTest {
    @TempDir
    Path home;

    final Sleepers sleepers = new Sleepers();

    @AfterEach
    void stop() throws Exception {
        sleepers.close();
    }

    @Test
    void warm_up_registers_stores_publishes_and_delivers_nothing_and_logs_one_line() throws Exception {
        try (TestDaemon d = TestDaemon.start(home)) {
            String id = d.register("7d1f0c2e-1111-4222-8333-444455556666", sleepers.start(), "/tmp/work/warm")
                    .path("id")
                    .asText();
            d.client.post("/v1/messages", Map.of("to", id, "kind", "task", "body", "waiting through the warm-up"));
            JsonNode before = d.client.get("/v1/sessions/" + id);
            long seq = d.client.get("/v1/sessions").path("seq").asLong();

            List<String> logged = capturingStderr(
                    () -> d.daemon.warmUp(new WarmUp.Settings(true, 30, 0, 0)).join());

            // what this daemon's threads logged (a long poll another test left behind may log on a JDK thread)
            assertThat(logged.stream().filter(l -> l.startsWith("[claudemesh-")))
                    .singleElement()
                    .asString()
                    .startsWith("[claudemesh-warmup] ")
                    .contains("warm-up: 120 requests in ")
                    .doesNotContain("not");
            assertThat(d.sessions()).extracting(s -> s.path("id").asText()).containsExactly(id);
            JsonNode after = d.client.get("/v1/sessions/" + id);
            assertThat(after.path("pending").asLong()).isEqualTo(1);
            assertThat(after.path("idle")).isEqualTo(before.path("idle"));
            assertThat(after.path("last_active")).isEqualTo(before.path("last_active"));
            assertThat(d.client.get("/v1/sessions").path("seq").asLong()).isEqualTo(seq);
            assertThat(d.client.meshEvents(seq, 0))
                    .as("nothing new in the mesh feed")
                    .isNull();
            assertThat(d.raw("GET", "/v1/sessions/by-session-id/" + WarmUp.NOBODY, auth(d), null)
                            .status())
                    .isEqualTo(404);
            assertThat(d.client.get("/v1/sessions/" + id + "/messages").toString())
                    .contains("waiting through the warm-up");
        }
    }

    @Test
    void warm_up_stops_when_the_daemon_stops_and_says_nothing() throws Exception {
        TestDaemon d = TestDaemon.start(home);
        WarmUp w;
        List<String> logged;
        try {
            w = d.daemon.warmUp(new WarmUp.Settings(true, 1_000_000, 0, 5));
            logged = capturingStderr(() -> {
                Thread.sleep(300);
                d.close();
                w.join();
            });
        } finally {
            d.close();
        }
        assertThat(logged).noneMatch(l -> l.contains("warm-up") || l.startsWith("[claudemesh-warmup]"));
    }

    @Test
    void warm_up_that_is_switched_off_sends_nothing() throws Exception {
        try (TestDaemon d = TestDaemon.start(home)) {
            long seq = d.client.get("/v1/sessions").path("seq").asLong();
            List<String> logged = capturingStderr(
                    () -> d.daemon.warmUp(new WarmUp.Settings(false, 30, 0, 0)).join());
            assertThat(logged).noneMatch(l -> l.startsWith("[claudemesh-"));
            assertThat(d.client.get("/v1/sessions").path("seq").asLong()).isEqualTo(seq);
        }
    }

    interface Step {
        void run() throws Exception;
    }

    /** The lines written to stderr (where the daemon's slf4j-simple log goes) while {@code step} runs. */
    static List<String> capturingStderr(Step step) throws Exception {
        PrintStream saved = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            step.run();
            await().atMost(Duration.ofSeconds(1))
                    .pollDelay(Duration.ofMillis(200))
                    .until(() -> true);
        } finally {
            System.setErr(saved);
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        return out.isEmpty() ? List.of() : Arrays.asList(out.split("\n"));
    }

    private static Map<String, String> auth(TestDaemon d) {
        return Map.of("Authorization", "Bearer " + d.token);
    }
}
