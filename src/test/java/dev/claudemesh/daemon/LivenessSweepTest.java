package dev.claudemesh.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.claudemesh.support.Sleepers;
import dev.claudemesh.support.TestDaemon;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LivenessSweepTest {
    @TempDir
    Path home;

    @Test
    void a_session_whose_process_died_leaves_the_list_within_10_seconds() throws Exception {
        try (Sleepers s = new Sleepers();
                TestDaemon d = TestDaemon.start(home)) {
            long dies = s.start();
            long lives = s.start();
            d.register("dies", dies, "/tmp/a");
            d.register("lives", lives, "/tmp/b");
            s.kill(dies);
            await().atMost(Duration.ofSeconds(30)).until(() -> d.sessions().size() <= 1);
            assertThat(d.sessions())
                    .extracting(n -> n.path("session_id").asText())
                    .containsExactly("lives");
        }
    }
}
