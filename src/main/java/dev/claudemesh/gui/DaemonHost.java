package dev.claudemesh.gui;

import dev.claudemesh.config.MeshConfig;
import dev.claudemesh.config.MeshHome;
import dev.claudemesh.daemon.Daemon;
import dev.claudemesh.notify.Notifier;
import dev.claudemesh.session.ProcessProbe;
import dev.claudemesh.transcript.TranscriptLocator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon in the tray app's own process: when no daemon runs for the home, the app hosts one (the same
 * daemon code, state, token and rules; {@code daemon.state} names the app's pid); when one runs, the app is
 * its client, and takes over hosting should that daemon go away. The hosted daemon lives until the app quits.
 */
public final class DaemonHost implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DaemonHost.class);
    static final long RETRY_SECONDS = 5;

    private final MeshHome home;
    private final MeshConfig config;
    private final Map<String, String> env;
    private final Supplier<Notifier> notifier;
    private final ScheduledExecutorService retry;
    private Daemon hosted;
    private boolean closed;

    private DaemonHost(MeshHome home, MeshConfig config, Map<String, String> env, Supplier<Notifier> notifier) {
        this.home = home;
        this.config = config;
        this.env = env;
        this.notifier = notifier;
        this.retry = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "claudemesh-daemon-host");
            t.setDaemon(true);
            return t;
        });
    }

    /** Hosts the daemon now if none runs, and keeps checking while it is only a client. */
    public static DaemonHost start(
            MeshHome home, MeshConfig config, Map<String, String> env, Supplier<Notifier> notifier) throws Exception {
        DaemonHost h = new DaemonHost(home, config, env, notifier);
        h.tryHost();
        h.retry.scheduleWithFixedDelay(h::retry, RETRY_SECONDS, RETRY_SECONDS, TimeUnit.SECONDS);
        return h;
    }

    private void retry() {
        try {
            tryHost();
        } catch (Exception e) {
            LOG.warn("could not host the daemon: {}", e.toString());
        }
    }

    private synchronized void tryHost() throws Exception {
        if (closed || hosted != null) {
            return;
        }
        Optional<Daemon> d =
                Daemon.start(home, config, ProcessProbe.SYSTEM, TranscriptLocator.fromEnvironment(env), notifier);
        if (d.isPresent()) {
            hosted = d.get();
            LOG.info("hosting the claudemesh daemon in the tray app (port {})", hosted.port());
        }
    }

    /** True while the daemon runs in this process. */
    public synchronized boolean hosting() {
        return hosted != null;
    }

    /** The hosted daemon's port, when hosting. */
    public synchronized Optional<Integer> port() {
        return hosted == null ? Optional.empty() : Optional.of(hosted.port());
    }

    /** Stops the hosted daemon (clients start a headless one again when they need it). */
    @Override
    public synchronized void close() {
        closed = true;
        retry.shutdownNow();
        if (hosted != null) {
            hosted.close();
            hosted = null;
        }
    }
}
