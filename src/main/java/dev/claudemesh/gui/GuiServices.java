package dev.claudemesh.gui;

import dev.claudemesh.client.DaemonClient;
import dev.claudemesh.client.DaemonUnavailableException;
import dev.claudemesh.client.ReconnectingTransport;
import dev.claudemesh.config.MeshHome;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * What the views need from the app: the daemon (through the one client), the home paths, and an executor for
 * blocking calls, so nothing blocks the JavaFX thread.
 *
 * @param daemon gives the client for the daemon that serves {@code home} now (it may change across restarts)
 * @param home claudemesh's home ({@code CLAUDEMESH_HOME}): drafts are kept there
 * @param claudeConfigDir Claude Code's folder ({@code CLAUDE_CONFIG_DIR} or {@code ~/.claude})
 * @param background runs daemon calls and other blocking work off the JavaFX thread
 */
public record GuiServices(Connector daemon, MeshHome home, Path claudeConfigDir, ExecutorService background) {
    /** Finds the client for the daemon; fails when no daemon can be reached now. */
    @FunctionalInterface
    public interface Connector {
        DaemonClient client() throws DaemonUnavailableException;
    }

    public GuiServices {
        Objects.requireNonNull(daemon, "daemon");
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(claudeConfigDir, "claudeConfigDir");
        Objects.requireNonNull(background, "background");
    }

    /**
     * Services for the daemon of {@code home}, through the one client on a reconnecting transport: when the daemon
     * is restarted (on another port) the next call finds it through the state file. Never starts a daemon.
     */
    public static GuiServices forHome(MeshHome home, Path claudeConfigDir) {
        DaemonClient one = new DaemonClient(ReconnectingTransport.existing(home), DaemonClient.DEFAULT_TIMEOUT);
        return of(one, home, claudeConfigDir);
    }

    /** Services around a client the app already has (e.g. for the daemon it hosts). */
    public static GuiServices of(DaemonClient client, MeshHome home, Path claudeConfigDir) {
        return new GuiServices(() -> client, home, claudeConfigDir, newBackground());
    }

    /** The home and Claude Code folder the environment names, as the CLI would use them. */
    public static GuiServices fromEnvironment(Map<String, String> env) {
        String cfg = env.get("CLAUDE_CONFIG_DIR");
        Path claude = cfg != null && !cfg.isBlank()
                ? Path.of(cfg)
                : Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".claude");
        return forHome(MeshHome.fromEnv(env), claude);
    }

    /** A small pool of daemon threads named for the GUI (its calls are short; the event stream has its own). */
    public static ExecutorService newBackground() {
        return Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "claudemesh-gui-worker");
            t.setDaemon(true);
            return t;
        });
    }

    /** The daemon client now; shorthand for {@code daemon().client()}. */
    public DaemonClient client() throws DaemonUnavailableException {
        return daemon.client();
    }
}
