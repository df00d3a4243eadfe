package dev.claudemesh.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudemesh.client.DaemonClient;
import dev.claudemesh.client.DaemonStarter;
import dev.claudemesh.config.DaemonState;
import dev.claudemesh.config.MeshHome;
import dev.claudemesh.support.HomeDaemons;
import dev.claudemesh.support.JarRunner;
import dev.claudemesh.support.Sleepers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KillNineIT {
    @TempDir
    Path dir;

    @Test
    void every_send_that_returned_200_survives_kill_9_of_the_daemon() throws Exception {
        MeshHome home = new MeshHome(dir);
        home.ensure();
        Files.writeString(home.configFile(), "{\"port\": 0, \"pair_per_minute\": 1000000}");
        try (Sleepers sleepers = new Sleepers()) {
            DaemonClient c = new DaemonStarter(home).connect(true);
            String to = c.post("/v1/sessions", Map.of("session_id", "k9", "pid", sleepers.start(), "cwd", "/tmp/k9"))
                    .path("session")
                    .path("id")
                    .asText();
            Set<String> confirmed = ConcurrentHashMap.newKeySet();
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<?>> jobs = new ArrayList<>();
            for (int s = 0; s < 8; s++) {
                int sender = s;
                jobs.add(pool.submit(() -> {
                    for (int i = 0; !stop.get(); i++) {
                        try {
                            JsonNode r = c.post("/v1/messages", Map.of("to", to, "body", "k" + sender + "-" + i));
                            confirmed.add(r.path("id").asText());
                        } catch (Exception e) {
                            return null; // the daemon died under us: this send was not confirmed
                        }
                    }
                    return null;
                }));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> confirmed.size() >= 500);
            long pid = c.state().pid();
            new ProcessBuilder("kill", "-9", Long.toString(pid)).start().waitFor();
            ProcessHandle.of(pid).ifPresent(h -> h.onExit().join());
            stop.set(true);
            for (Future<?> f : jobs) {
                f.get();
            }
            pool.shutdown();
            Set<String> before = Set.copyOf(confirmed);

            DaemonClient again = new DaemonStarter(home).connect(true);
            assertThat(again.state().pid()).isNotEqualTo(pid);
            Set<String> stored = new HashSet<>();
            for (JsonNode m :
                    again.get("/v1/sessions/" + to + "/messages?limit=10000").path("messages")) {
                stored.add(m.path("id").asText());
            }
            assertThat(before).isNotEmpty();
            assertThat(stored).containsAll(before);
            assertThat(again.get("/v1/sessions/" + to).path("pending").asInt()).isEqualTo(stored.size());
            again.post("/v1/shutdown", null);
            ProcessHandle.of(again.state().pid()).ifPresent(h -> h.onExit().join());
            assertThat(DaemonState.read(home.stateFile())).isEmpty();
        }
    }

    @Test
    void the_background_waiter_brings_a_killed_daemon_back_attaches_again_and_still_wakes_its_session()
            throws Exception {
        MeshHome home = new MeshHome(dir);
        home.ensure();
        Files.writeString(home.configFile(), "{\"port\": 0}");
        Process waiter = null;
        try (Sleepers sleepers = new Sleepers()) {
            long claude = sleepers.start();
            DaemonClient c = new DaemonStarter(home).connect(true);
            String id = c.post("/v1/sessions", Map.of("session_id", "k9-wait", "pid", claude, "cwd", "/tmp/k9w"))
                    .path("session")
                    .path("id")
                    .asText();
            c.post("/v1/sessions/" + id + "/idle", Map.of("idle", true));
            String stop = "{\"session_id\":\"k9-wait\",\"cwd\":\"/tmp/k9w\",\"hook_event_name\":\"Stop\","
                    + "\"stop_hook_active\":false}";
            waiter = JarRunner.start(
                    Map.of(
                            "CLAUDEMESH_HOME", dir.toString(),
                            "CLAUDE_PID", Long.toString(claude),
                            "CLAUDE_CODE_ENTRYPOINT", "cli"),
                    stop,
                    "hook",
                    "StopWaiter");
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> c.get("/v1/sessions/" + id).path("waiter").asBoolean());
            long old = c.state().pid();
            new ProcessBuilder("kill", "-9", Long.toString(old)).start().waitFor();
            ProcessHandle.of(old).ifPresent(h -> h.onExit().join());

            // nobody but the waiter starts a daemon now; it re-attaches to the new one (a new port)
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> HomeDaemons.awaitRunning(home, Duration.ofSeconds(1))
                            .filter(p -> p != old)
                            .isPresent());
            DaemonClient again = new DaemonStarter(home).connect(false);
            assertThat(again.state().port()).isNotEqualTo(0);
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> again.get("/v1/sessions/" + id).path("waiter").asBoolean());
            assertThat(waiter.isAlive()).isTrue();
            String mid = again.post("/v1/messages", Map.of("to", id, "body", "K9-WAKE after the restart"))
                    .path("id")
                    .asText();
            assertThat(waiter.waitFor(60, java.util.concurrent.TimeUnit.SECONDS))
                    .isTrue();
            assertThat(waiter.exitValue()).isEqualTo(2);
            assertThat(new String(waiter.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
                    .contains("K9-WAKE after the restart")
                    .contains(mid);
        } finally {
            if (waiter != null) {
                waiter.destroyForcibly();
            }
            HomeDaemons.stopAll(home);
        }
    }

    @Test
    void a_stop_hook_lost_while_the_daemon_was_down_is_made_good_by_the_background_waiter() throws Exception {
        MeshHome home = new MeshHome(dir);
        home.ensure();
        Files.writeString(home.configFile(), "{\"port\": 0}");
        Process waiter = null;
        try (Sleepers sleepers = new Sleepers()) {
            long claude = sleepers.start();
            DaemonClient c = new DaemonStarter(home).connect(true);
            String id = c.post("/v1/sessions", Map.of("session_id", "lost-stop", "pid", claude, "cwd", "/tmp/lost"))
                    .path("session")
                    .path("id")
                    .asText();
            c.post("/v1/sessions/" + id + "/idle", Map.of("idle", false)); // a prompt: the turn runs
            long old = c.state().pid();
            c.shutdown(); // gone when the turn ends: the Stop hook reaches no daemon (lost), nor does the waiter
            ProcessHandle.of(old).ifPresent(h -> h.onExit().join());
            String stop = "{\"session_id\":\"lost-stop\",\"cwd\":\"/tmp/lost\",\"hook_event_name\":\"Stop\","
                    + "\"stop_hook_active\":false}";
            waiter = JarRunner.start(
                    Map.of(
                            "CLAUDEMESH_HOME",
                            dir.toString(),
                            "CLAUDE_PID",
                            Long.toString(claude),
                            "CLAUDE_CODE_ENTRYPOINT",
                            "cli",
                            "CLAUDEMESH_WAITER_SECONDS",
                            "90"),
                    stop,
                    "hook",
                    "StopWaiter");
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> HomeDaemons.awaitRunning(home, Duration.ofSeconds(1))
                            .filter(p -> p != old)
                            .isPresent());
            DaemonClient again = new DaemonStarter(home).connect(false);
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> again.get("/v1/sessions/" + id).path("waiter").asBoolean());
            assertThat(again.get("/v1/sessions/" + id).path("idle").asBoolean())
                    .as("idle again, though its Stop hook never reached a daemon")
                    .isTrue();
            String mid = again.post("/v1/messages", Map.of("to", id, "body", "LOST-STOP-WAKE"))
                    .path("id")
                    .asText();
            assertThat(waiter.waitFor(60, java.util.concurrent.TimeUnit.SECONDS))
                    .isTrue();
            assertThat(waiter.exitValue()).isEqualTo(2);
            assertThat(new String(waiter.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
                    .contains("LOST-STOP-WAKE")
                    .contains(mid);
        } finally {
            if (waiter != null) {
                waiter.destroyForcibly();
            }
            HomeDaemons.stopAll(home);
        }
    }
}
