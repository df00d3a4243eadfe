package dev.claudemesh.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudemesh.client.DaemonClient;
import dev.claudemesh.client.DaemonStarter;
import dev.claudemesh.config.MeshHome;
import dev.claudemesh.supervisor.fixtures.LaunchSupervisorWithDaemon;
import dev.claudemesh.supervisor.fixtures.StandInClaude;
import dev.claudemesh.support.HomeDaemons;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The supervisor's feed against a real daemon that is killed (-9): it starts a new one, attaches again, delivers. */
class SupervisorReconnectIT {
    @TempDir
    Path dir;

    @Test
    void after_kill_9_the_supervisor_brings_the_daemon_back_reattaches_and_types_the_next_task() throws Exception {
        MeshHome home = new MeshHome(dir.resolve("home"));
        home.ensure();
        Files.writeString(home.configFile(), "{\"port\": 0, \"notify\": \"off\"}");
        Path log = dir.resolve("claude.log");
        List<String> cmd = new ArrayList<>(List.of(Fixtures.java()));
        cmd.addAll(Fixtures.jvmOptions());
        cmd.addAll(List.of(
                "-cp",
                Fixtures.classpath(),
                LaunchSupervisorWithDaemon.class.getName(),
                dir.resolve("events.log").toString()));
        cmd.addAll(Fixtures.fixtureArgs(StandInClaude.class, log.toString(), dir.toString()));
        try (PtyScreen screen =
                PtyScreen.start(new PtyCommand(cmd, Fixtures.supervisorEnv(home.dir()), dir, WindowSize.DEFAULT))) {
            screen.await("READY", Duration.ofSeconds(60));
            await().atMost(Duration.ofSeconds(60)).until(() -> supervised(home));
            DaemonClient c = new DaemonStarter(home).connect(false);
            String id = c.sessions().get(0).path("id").asText();
            String first = c.post("/v1/messages", Map.of("to", id, "kind", "task", "body", "hop=0 before"))
                    .path("id")
                    .asText();
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> Files.exists(log) && Files.readString(log).contains("recv " + first));

            long old = c.state().pid();
            ProcessHandle.of(old).ifPresent(ProcessHandle::destroyForcibly);
            ProcessHandle.of(old).ifPresent(h -> h.onExit().join());
            // nothing but the supervised session's own clients starts the next daemon
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> HomeDaemons.awaitRunning(home, Duration.ofSeconds(1))
                            .filter(p -> p != old)
                            .isPresent());
            await().atMost(Duration.ofSeconds(60)).until(() -> supervised(home));
            DaemonClient again = new DaemonStarter(home).connect(false);
            String second = again.post("/v1/messages", Map.of("to", id, "kind", "task", "body", "hop=0 after"))
                    .path("id")
                    .asText();
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> Files.readString(log).contains("recv " + second));
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> again.message(second)
                            .path("message")
                            .path("state")
                            .asText()
                            .equals("acked"));
            assertThat(again.message(first).path("message").path("state").asText())
                    .isEqualTo("acked");
            screen.write("\u0004");
            assertThat(screen.exitCode(Duration.ofSeconds(30))).isZero();
        } finally {
            HomeDaemons.stopAll(home);
        }
    }

    private static boolean supervised(MeshHome home) {
        try {
            for (JsonNode s : new DaemonStarter(home).connect(false).sessions()) {
                if (s.path("supervisor").asBoolean()) {
                    return true;
                }
            }
            return false;
        } catch (Exception notYet) {
            return false;
        }
    }
}
