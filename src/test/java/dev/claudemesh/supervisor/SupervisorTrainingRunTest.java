package dev.claudemesh.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudemesh.config.DaemonState;
import dev.claudemesh.install.CdsTrainer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The supervisor run that trains its start-up archive ({@code claudemesh install}, under the training variable)
 * starts no daemon: it must leave nothing behind in the throwaway home.
 */
class SupervisorTrainingRunTest {
    @TempDir
    Path home;

    @Test
    void the_supervisor_under_the_training_variable_starts_no_daemon() throws Exception {
        Map<String, String> env = Fixtures.supervisorEnv(home);
        env.put(ClaudeBinary.ENV_VAR, "/bin/sleep"); // lives long enough for the feed to look for a daemon
        env.put(SupervisorCommand.TRAINING_ENV, "1");
        env.put("HOME", home.toString());
        List<String> command = List.of(
                Fixtures.java(), "-Xshare:auto", "-cp", Fixtures.classpath(), "dev.claudemesh.Main", "run", "3");
        NativeLibraries.prepare(Fixtures.NATIVE_CACHE);
        PtySession session = PtySession.start(new PtyCommand(command, env, home, WindowSize.DEFAULT));
        try {
            byte[] buffer = new byte[4096];
            try {
                while (session.read(buffer, 0, buffer.length) >= 0) {
                    // drain until the terminal hangs up
                }
            } catch (IOException hungUp) {
                // the run is over
            }
            assertThat(session.waitFor(Duration.ofSeconds(60))).hasValue(0);
        } finally {
            session.close();
            stopAnyDaemon();
        }
        assertThat(home.resolve("daemon.state")).doesNotExist();
        assertThat(home.resolve("daemon.spawned")).doesNotExist();
        assertThat(processesOf(home))
                .as("processes whose CLAUDEMESH_HOME is the training home")
                .isEmpty();
    }

    @Test
    void install_and_the_supervisor_name_the_same_training_variable() {
        assertThat(SupervisorCommand.TRAINING_ENV).isEqualTo(CdsTrainer.TRAINING_ENV);
    }

    /** Had a daemon been started (the failure this test is for), end it by its pid so it outlives nothing. */
    private void stopAnyDaemon() throws Exception {
        for (int i = 0; i < 50 && !processesOf(home).isEmpty() && !Files.exists(home.resolve("daemon.state")); i++) {
            Thread.sleep(100);
        }
        if (Files.exists(home.resolve("daemon.state"))) {
            DaemonState.read(home.resolve("daemon.state"))
                    .flatMap(s -> ProcessHandle.of(s.pid()))
                    .ifPresent(ProcessHandle::destroyForcibly);
        }
        processesOf(home).forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }

    private static Set<Long> processesOf(Path home) {
        Set<Long> out = new HashSet<>();
        String marker = "CLAUDEMESH_HOME=" + home + "\0";
        ProcessHandle.allProcesses().forEach(p -> {
            if (p.pid() == ProcessHandle.current().pid()) {
                return;
            }
            try {
                String environ =
                        Files.readString(Path.of("/proc/" + p.pid() + "/environ"), StandardCharsets.ISO_8859_1);
                if (environ.contains(marker)) {
                    out.add(p.pid());
                }
            } catch (IOException | RuntimeException gone) {
                // exited, or not ours to read
            }
        });
        return out;
    }
}
