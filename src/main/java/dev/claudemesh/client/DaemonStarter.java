package dev.claudemesh.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudemesh.Version;
import dev.claudemesh.config.DaemonState;
import dev.claudemesh.config.MeshHome;
import dev.claudemesh.config.Token;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Finds the home's daemon, starting one in the background when there is none (or stopping one of another
 * version first). Racing starters are safe: the daemon's file lock lets one win; the others wait for it.
 */
public final class DaemonStarter {
    /** How long a client waits for a daemon it started: a JVM start can take many seconds on a loaded machine. */
    public static final Duration DEADLINE = Duration.ofSeconds(20);

    private final MeshHome home;

    public DaemonStarter(MeshHome home) {
        this.home = home;
    }

    /** A client for a healthy daemon of this version, if one runs now; never starts anything. */
    public Optional<DaemonClient> existing() {
        Optional<DaemonState> st = DaemonState.read(home.stateFile());
        String token = Token.read(home.tokenFile());
        if (st.isEmpty() || token == null) {
            return Optional.empty();
        }
        DaemonClient c = new DaemonClient(st.get(), token);
        try {
            JsonNode h = c.health();
            return h != null && "ok".equals(h.path("status").asText()) ? Optional.of(c) : Optional.empty();
        } catch (DaemonUnavailableException | ApiException e) {
            return Optional.empty();
        }
    }

    public DaemonClient connect(boolean autostart) throws DaemonUnavailableException {
        Optional<DaemonClient> c = existing();
        if (c.isPresent()) {
            String v = c.get().state().version();
            if (v.equals(Version.current()) || !autostart) {
                return c.get();
            }
            stopOld(c.get());
        }
        if (!autostart) {
            throw new DaemonUnavailableException("the claudemesh daemon is not running (home " + home.dir()
                    + "); start it with `claudemesh daemon` or run any claudemesh command that starts it");
        }
        return start();
    }

    private void stopOld(DaemonClient old) throws DaemonUnavailableException {
        long pid = old.state().pid();
        try {
            old.shutdown();
        } catch (DaemonUnavailableException | ApiException ignored) {
            // it may already be gone
        }
        long until = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() < until
                && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            sleep(20);
        }
    }

    private DaemonClient start() throws DaemonUnavailableException {
        long until = System.nanoTime() + DEADLINE.toNanos();
        Process p;
        try {
            p = DaemonSpawner.spawn(home);
        } catch (IOException e) {
            throw new DaemonUnavailableException("cannot start the claudemesh daemon: " + e.getMessage(), e);
        }
        while (System.nanoTime() < until) {
            Optional<DaemonClient> c = existing();
            if (c.isPresent() && c.get().state().version().equals(Version.current())) {
                return c.get();
            }
            if (!p.isAlive() && p.exitValue() != 0) {
                break; // it failed; a zero exit means another starter won the lock, so keep waiting
            }
            sleep(25);
        }
        throw new DaemonUnavailableException("the claudemesh daemon did not come up within " + DEADLINE.toSeconds()
                + " s. Last lines of " + home.logFile() + ":\n" + tail(home.logFile(), 15));
    }

    /** The last {@code n} lines of a file, or a note that it is missing. */
    public static String tail(Path file, int n) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
        } catch (IOException e) {
            return "(no log at " + file + ")";
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
