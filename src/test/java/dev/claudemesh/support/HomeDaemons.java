package dev.claudemesh.support;

import dev.claudemesh.config.DaemonState;
import dev.claudemesh.config.MeshHome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The daemon processes of a temp home, found by what they are rather than by the state file: hooks start daemons
 * in the background, and a test may end while one is still starting (no state yet). A daemon of a home is a process
 * of this user whose environment has {@code CLAUDEMESH_HOME=<home>} and whose command line runs {@code daemon}.
 */
public final class HomeDaemons {
    private HomeDaemons() {}

    /** The pids of every daemon process (or its launcher, still starting) of {@code home}. */
    public static List<Long> of(MeshHome home) {
        String want = "CLAUDEMESH_HOME=" + home.dir().toAbsolutePath();
        List<Long> out = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                String name = p.getFileName().toString();
                if (!name.matches("\\d+")
                        || Long.parseLong(name) == ProcessHandle.current().pid()) {
                    continue;
                }
                try {
                    List<String> cmd = nulSeparated(p.resolve("cmdline"));
                    if (!cmd.contains("daemon") || cmd.contains("--stop")) {
                        continue;
                    }
                    if (nulSeparated(p.resolve("environ")).contains(want)) {
                        out.add(Long.parseLong(name));
                    }
                } catch (IOException | RuntimeException gone) {
                    // ended meanwhile, or not ours
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc: " + e.getMessage(), e);
        }
        return out;
    }

    /** The daemon's pid once one of {@code home} answers (its state names a live pid), within {@code atMost}. */
    public static Optional<Long> awaitRunning(MeshHome home, Duration atMost) throws InterruptedException {
        long until = System.nanoTime() + atMost.toNanos();
        while (System.nanoTime() < until) {
            Optional<DaemonState> st = DaemonState.read(home.stateFile());
            if (st.isPresent()
                    && ProcessHandle.of(st.get().pid())
                            .map(ProcessHandle::isAlive)
                            .orElse(false)
                    && of(home).contains(st.get().pid())) {
                return Optional.of(st.get().pid());
            }
            Thread.sleep(50);
        }
        return Optional.empty();
    }

    /** Ends every daemon process of {@code home} (SIGTERM, then SIGKILL after 20 s) and waits for them. */
    public static void stopAll(MeshHome home) {
        for (int round = 0; round < 3; round++) {
            List<Long> pids = of(home);
            if (pids.isEmpty()) {
                return;
            }
            for (long pid : pids) {
                ProcessHandle.of(pid).ifPresent(h -> {
                    h.destroy();
                    try {
                        h.onExit().get(20, TimeUnit.SECONDS);
                    } catch (Exception stuck) {
                        h.destroyForcibly();
                    }
                });
            }
        }
    }

    private static List<String> nulSeparated(Path file) throws IOException {
        String s = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        return List.of(s.split("\0"));
    }
}
