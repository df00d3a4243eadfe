package dev.claudemesh.supervisor;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudemesh.client.ApiException;
import dev.claudemesh.client.DaemonClient;
import dev.claudemesh.client.DaemonUnavailableException;
import dev.claudemesh.client.ReconnectingTransport;
import dev.claudemesh.config.MeshHome;
import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Links a supervised claude to its registration: waits (bounded) for the SessionStart hook to register the
 * child — or a descendant, when a wrapper starts claude — then attaches as its supervisor.
 */
public final class DaemonFeedFactory implements TaskFeedFactory {
    static final Duration LINK_WAIT = Duration.ofSeconds(60);
    static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(20);

    private final MeshHome home;
    private final boolean autostart;

    public DaemonFeedFactory(MeshHome home) {
        this(home, true);
    }

    /** @param autostart start the home's daemon when none runs (false: the start-up archive's training run) */
    public DaemonFeedFactory(MeshHome home, boolean autostart) {
        this.home = home;
        this.autostart = autostart;
    }

    @Override
    public Optional<TaskFeed> open(ProcessHandle child) throws IOException, InterruptedException {
        // Reconnecting: after a daemon restart (or kill -9) the feed finds the new one, starting it if need be.
        DaemonClient client = new DaemonClient(
                autostart ? ReconnectingTransport.autostarting(home) : ReconnectingTransport.existing(home),
                CLIENT_TIMEOUT);
        long until = System.nanoTime() + LINK_WAIT.toNanos();
        while (System.nanoTime() < until && child.isAlive()) {
            Optional<String> id = find(client, child);
            if (id.isPresent()) {
                DaemonTaskFeed feed = new DaemonTaskFeed(client, id.get());
                try {
                    feed.attachToCurrentDaemon();
                } catch (IOException e) {
                    throw new IOException("cannot attach to session " + id.get() + ": " + e.getMessage(), e);
                }
                return Optional.of(feed);
            }
            Thread.sleep(100); // start-up only: claude registers within a second once its SessionStart runs
        }
        return Optional.empty();
    }

    private static Optional<String> find(DaemonClient client, ProcessHandle child) throws IOException {
        Set<Long> pids = new HashSet<>();
        pids.add(child.pid());
        pids.addAll(child.descendants().map(ProcessHandle::pid).collect(Collectors.toSet()));
        try {
            for (JsonNode s : client.sessions()) {
                if (pids.contains(s.path("pid").asLong())) {
                    return Optional.of(s.path("id").asText());
                }
            }
            return Optional.empty();
        } catch (DaemonUnavailableException | ApiException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
