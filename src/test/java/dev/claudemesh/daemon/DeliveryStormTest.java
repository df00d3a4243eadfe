package dev.claudemesh.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudemesh.mesh.MeshLimits;
import dev.claudemesh.support.Sleepers;
import dev.claudemesh.support.TestDaemon;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeliveryStormTest {
    @TempDir
    Path home;

    @Test
    void twenty_senders_times_500_to_5_recipients_are_each_delivered_exactly_once() throws Exception {
        try (Sleepers sleepers = new Sleepers();
                TestDaemon d = TestDaemon.start(home, new MeshLimits(64 * 1024, 8, 1_000_000, 30_000, 5))) {
            List<String> recipients = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                recipients.add(d.register("storm-" + i, sleepers.start(), "/tmp/storm/r" + i)
                        .path("id")
                        .asText());
            }
            Set<String> sent = ConcurrentHashMap.newKeySet();
            ExecutorService pool = Executors.newFixedThreadPool(20);
            List<Future<?>> jobs = new ArrayList<>();
            for (int s = 0; s < 20; s++) {
                int sender = s;
                jobs.add(pool.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        String to = recipients.get((sender + i) % 5);
                        JsonNode r = d.client.post(
                                "/v1/messages", Map.of("to", to, "kind", "task", "body", "s" + sender + "-" + i));
                        assertThat(sent.add(r.path("id").asText())).isTrue();
                    }
                    return null;
                }));
            }
            for (Future<?> f : jobs) {
                f.get();
            }
            pool.shutdown();
            assertThat(sent).hasSize(10_000);

            Map<String, Integer> seen = new HashMap<>();
            for (String r : recipients) {
                assertThat(d.client.get("/v1/sessions/" + r).path("pending").asInt())
                        .isEqualTo(2_000);
                // deliver in leases of 300, acking each, until nothing is left
                while (true) {
                    JsonNode lease =
                            d.client.post("/v1/sessions/" + r + "/lease", Map.of("max", 300, "holder", "client"));
                    if (lease.path("messages").isEmpty()) {
                        break;
                    }
                    JsonNode acked =
                            d.client.post("/v1/leases/" + lease.path("lease_id").asText() + "/ack", null);
                    assertThat(acked.path("acked"))
                            .hasSize(lease.path("messages").size());
                    for (JsonNode m : acked.path("acked")) {
                        seen.merge(m.path("id").asText(), 1, Integer::sum);
                        assertThat(m.path("to").asText()).isEqualTo(r);
                    }
                }
                assertThat(d.client.get("/v1/sessions/" + r).path("pending").asInt())
                        .isZero();
            }
            assertThat(seen.keySet()).isEqualTo(sent);
            assertThat(seen.values()).allMatch(n -> n == 1);
        }
    }
}
