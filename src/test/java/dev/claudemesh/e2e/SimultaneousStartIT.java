package dev.claudemesh.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.claudemesh.config.MeshHome;
import dev.claudemesh.support.HomeDaemons;
import dev.claudemesh.support.JarRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four real claudes started at the same moment with no daemon running: their SessionStart hooks race to start one
 * (the losers may give up while it starts on a busy machine), yet every session ends up listed — whatever comes from
 * a session next (status line, prompt, MCP call) registers it.
 */
class SimultaneousStartIT {
    static final List<String> FOLDERS = List.of("north", "south", "east", "west");

    @TempDir
    Path tmp;

    @Test
    void four_claudes_started_at_once_with_no_daemon_running_are_all_listed() throws Exception {
        MeshWorld w = new MeshWorld(tmp);
        MeshHome mesh = new MeshHome(w.meshHome);
        List<ClaudeProcess> claudes = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(FOLDERS.size());
        try {
            MeshWorld.Run r =
                    w.cli("install", "--jar", JarRunner.jar().toAbsolutePath().toString(), "--no-cds");
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(HomeDaemons.of(mesh))
                    .as("no daemon before the claudes start")
                    .isEmpty();
            List<Path> folders = new ArrayList<>();
            for (String f : FOLDERS) {
                folders.add(w.folder(f));
            }
            List<Future<ClaudeProcess>> starting = new ArrayList<>();
            for (Path f : folders) {
                starting.add(pool.submit(() -> w.interactive(f)));
            }
            for (Future<ClaudeProcess> f : starting) {
                claudes.add(f.get());
            }
            for (int i = 0; i < claudes.size(); i++) {
                claudes.get(i).submit("hello from " + FOLDERS.get(i)); // a person starts working in each
            }
            await("all four sessions listed")
                    .atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(250))
                    .ignoreExceptions()
                    .untilAsserted(() -> {
                        for (String f : FOLDERS) {
                            assertThat(w.sessionIn(f)).as(f).isPresent();
                        }
                    });
            assertThat(w.client().sessions()).hasSize(FOLDERS.size());
        } finally {
            for (ClaudeProcess c : claudes) {
                c.close();
            }
            pool.shutdownNow();
            w.close();
            HomeDaemons.stopAll(mesh);
        }
    }
}
