package dev.claudemesh.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.claudemesh.config.DaemonState;
import dev.claudemesh.config.MeshHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AutostartIT {
    @TempDir
    Path dir;

    MeshHome home;

    @AfterEach
    void stopDaemon() throws Exception {
        if (home != null) {
            DaemonState.read(home.stateFile())
                    .flatMap(s -> ProcessHandle.of(s.pid()))
                    .ifPresent(h -> {
                        h.destroy();
                        h.onExit().join();
                    });
        }
    }

    @Test
    void two_simultaneous_autostarts_end_with_one_daemon() throws Exception {
        home = new MeshHome(dir.resolve("home"));
        CyclicBarrier go = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<DaemonClient>> both = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Callable<DaemonClient> start = () -> {
                go.await();
                return new DaemonStarter(home).connect(true);
            };
            both.add(pool.submit(start));
        }
        long pid0 = both.get(0).get().state().pid();
        long pid1 = both.get(1).get().state().pid();
        pool.shutdown();
        assertThat(pid0).isEqualTo(pid1);
        assertThat(ProcessHandle.of(pid0)).isPresent();
        Thread.sleep(500); // let the losing starter's daemon notice the lock and exit
        long daemons = ProcessHandle.allProcesses()
                .filter(p -> cmdline(p).contains("dev.claudemesh.Main daemon"))
                .filter(p -> envHome(p).equals(home.dir().toString()))
                .count();
        assertThat(daemons).isEqualTo(1);
        assertThat(both.get(0).get().get("/v1/health").path("status").asText()).isEqualTo("ok");
    }

    @Test
    void a_daemon_that_cannot_start_fails_within_the_deadline_and_shows_its_log() throws Exception {
        home = new MeshHome(dir.resolve("bad"));
        home.ensure();
        Files.writeString(home.configFile(), "{ \"port\": \"not a number\" }");
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> new DaemonStarter(home).connect(true))
                .isInstanceOf(DaemonUnavailableException.class)
                .hasMessageContaining("did not come up")
                .hasMessageContaining("'port' must be a whole number");
        // not a timing figure: only that it gives up instead of waiting on (its deadline is a few seconds)
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(60_000);
    }

    @Test
    void a_client_that_finds_nothing_and_must_not_start_says_how_to_start() {
        home = new MeshHome(dir.resolve("none"));
        assertThatThrownBy(() -> new DaemonStarter(home).connect(false))
                .isInstanceOf(DaemonUnavailableException.class)
                .hasMessageContaining("claudemesh daemon");
    }

    private static String cmdline(ProcessHandle p) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(p.pid()), "cmdline")))
                    .replace('\0', ' ');
        } catch (Exception e) {
            return "";
        }
    }

    private static String envHome(ProcessHandle p) {
        try {
            for (String kv :
                    new String(Files.readAllBytes(Path.of("/proc", Long.toString(p.pid()), "environ"))).split("\0")) {
                if (kv.startsWith("CLAUDEMESH_HOME=")) {
                    return kv.substring("CLAUDEMESH_HOME=".length());
                }
            }
        } catch (Exception e) {
            // gone
        }
        return "";
    }
}
