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

    static final Duration TOKEN_WAIT = Duration.ofSeconds(4);

    private final MeshHome home;

    public DaemonStarter(MeshHome home) {
        this.home = home;
    }

    /** A client for a healthy daemon of this version, if one runs now; never starts anything. */
    public Optional<DaemonClient> existing() throws DaemonUnavailableException {
        return Optional.ofNullable(probe().client());
    }

    /** What looking for the daemon found: a client, or why there is none and whether one runs anyway. */
    private record Probe(DaemonClient client, String why, boolean running) {}

    private Probe probe() throws DaemonUnavailableException {
        Optional<DaemonState> st = DaemonState.read(home.stateFile());
        if (st.isEmpty()) {
            return new Probe(null, "no daemon.state in " + home.dir(), false);
        }
        Optional<String> refuted = DaemonProof.refute(home, st.get());
        if (refuted.isPresent()) {
            return new Probe(null, refuted.get(), false);
        }
        String token = token(st.get());
        DaemonClient c = new DaemonClient(st.get(), token);
        try {
            JsonNode h = c.health();
            return h != null && "ok".equals(h.path("status").asText())
                    ? new Probe(c, null, true)
                    : new Probe(null, "the daemon did not answer its health check", true);
        } catch (DaemonUnavailableException | ApiException e) {
            return new Probe(null, e.getMessage(), false);
        }
    }

    /** The token of a daemon proven to run; it puts a lost or damaged token file back within seconds. */
    private String token(DaemonState st) throws DaemonUnavailableException {
        long until = System.nanoTime() + TOKEN_WAIT.toNanos();
        String problem;
        while (true) {
            try {
                String t = Token.readChecked(home.tokenFile());
                if (t != null) {
                    return t;
                }
                problem = "the token file " + home.tokenFile() + " is missing while the daemon (pid " + st.pid()
                        + ") runs";
            } catch (Token.TokenFileException e) {
                problem = e.getMessage();
            } catch (IOException e) {
                problem = "cannot read " + home.tokenFile() + ": " + e.getMessage();
            }
            if (System.nanoTime() > until) {
                throw new DaemonUnavailableException(problem + "; the daemon (pid " + st.pid()
                        + ") did not write it back within " + TOKEN_WAIT.toSeconds() + " s: stop it with `kill "
                        + st.pid() + "` and run the command again (a new daemon writes a new token)");
            }
            sleep(50);
        }
    }

    public DaemonClient connect(boolean autostart) throws DaemonUnavailableException {
        Probe found = probe();
        Optional<DaemonClient> c = Optional.ofNullable(found.client());
        if (c.isPresent()) {
            String v = c.get().state().version();
            if (v.equals(Version.current()) || !autostart) {
                return c.get();
            }
            stopOld(c.get());
        }
        if (!autostart) {
            throw new DaemonUnavailableException("the claudemesh daemon is not running (home " + home.dir()
                    + (found.why() == null ? "" : "; " + found.why())
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
