package dev.claudemesh.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.claudemesh.config.MeshConfig;
import dev.claudemesh.config.MeshHome;
import dev.claudemesh.mesh.MeshLimits;
import dev.claudemesh.session.ProcessProbe;
import dev.claudemesh.support.Sleepers;
import dev.claudemesh.transcript.TranscriptLocator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A headless daemon outlives neither its home nor its usefulness; a hosted one stops only when its host says. */
class DaemonLifetimeTest {
    @TempDir
    Path tmp;

    final Sleepers sleepers = new Sleepers();
    Daemon d;

    @AfterEach
    void stop() throws Exception {
        if (d != null) {
            d.close();
        }
        sleepers.close();
    }

    Daemon start(String name, int idleSeconds, boolean hosted) throws Exception {
        d = Daemon.start(
                        new MeshHome(tmp.resolve(name)),
                        new MeshConfig(0, MeshLimits.DEFAULT, "paste").withIdleExitSeconds(idleSeconds),
                        ProcessProbe.SYSTEM,
                        new TranscriptLocator(tmp.resolve("claude")),
                        hosted)
                .orElseThrow();
        return d;
    }

    static CompletableFuture<Void> stopped(Daemon d) {
        return CompletableFuture.runAsync(() -> {
            try {
                d.awaitStop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    static void deleteTree(Path dir) throws Exception {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Test
    void a_headless_daemon_stops_when_its_home_folder_is_deleted() throws Exception {
        Daemon daemon = start("gone", 0, false);
        CompletableFuture<Void> done = stopped(daemon);
        // the daemon may still be creating files (its index, the WAL) while the folder goes: delete until it is gone
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            try {
                if (Files.exists(daemon.home().dir())) {
                    deleteTree(daemon.home().dir());
                }
            } catch (java.io.IOException | java.io.UncheckedIOException busy) {
                return false;
            }
            return !Files.exists(daemon.home().dir());
        });
        await().atMost(Duration.ofSeconds(30)).until(done::isDone);
    }

    @Test
    void a_headless_daemon_with_no_session_and_no_client_stops_after_the_idle_time() throws Exception {
        CompletableFuture<Void> done = stopped(start("idle", 1, false));
        await().atMost(Duration.ofSeconds(30)).until(done::isDone);
    }

    @Test
    void a_live_session_keeps_a_headless_daemon_running() throws Exception {
        Daemon daemon = start("busy", 1, false);
        daemon.mesh()
                .register(new dev.claudemesh.session.Registration(
                        "life-1", sleepers.start(), "/tmp/work/api", null, "startup"));
        CompletableFuture<Void> done = stopped(daemon);
        Thread.sleep(3 * Daemon.SWEEP_MILLIS + 1_500);
        assertThat(done).isNotDone();
    }

    @Test
    void a_hosted_daemon_never_stops_by_itself() throws Exception {
        Daemon daemon = start("hosted", 1, true);
        assertThat(daemon.hosted()).isTrue();
        CompletableFuture<Void> done = stopped(daemon);
        Thread.sleep(3 * Daemon.SWEEP_MILLIS + 1_500);
        assertThat(done).isNotDone();
    }

    @Test
    void idle_exit_seconds_is_read_from_config_json_and_defaults_to_thirty_minutes() throws Exception {
        MeshHome home = new MeshHome(tmp.resolve("cfg")).ensure();
        assertThat(MeshConfig.load(home, Map.of()).idleExitSeconds()).isEqualTo(1800);
        Files.writeString(home.configFile(), "{\"idle_exit_seconds\": 0}");
        assertThat(MeshConfig.load(home, Map.of()).idleExitSeconds()).isZero();
    }

    @Test
    void the_daemon_log_rotates_past_its_size_limit() throws Exception {
        Path log = tmp.resolve("daemon.log");
        try (RotatingLog out = new RotatingLog(log, 1000)) {
            for (int i = 0; i < 30; i++) {
                out.write(("line " + i + " " + "x".repeat(90) + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        assertThat(Files.size(log)).isLessThanOrEqualTo(1000);
        assertThat(Files.size(tmp.resolve("daemon.log.1"))).isLessThanOrEqualTo(1000);
        assertThat(Files.readString(log)).contains("line 29");
    }
}
