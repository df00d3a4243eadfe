package dev.claudemesh.supervisor;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudemesh.api.LeaseRequest;
import dev.claudemesh.client.ApiException;
import dev.claudemesh.client.DaemonClient;
import dev.claudemesh.client.DaemonUnavailableException;
import dev.claudemesh.message.LeaseHolder;
import dev.claudemesh.message.MessageKind;
import dev.claudemesh.session.AttachmentKind;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The supervisor's feed over the daemon's HTTP API: long-polls the session's event stream (never a timer),
 * leases tasks rendered for typing, gives back what it could not type, and keeps the session marked
 * supervised while attached.
 */
final class DaemonTaskFeed implements TaskFeed {
    static final long MAX_POLL_MILLIS = 55_000;
    static final long LEASE_MILLIS = 30_000;

    private final DaemonClient client;
    private final String id;
    private long promptsTaken;
    private FeedState last;
    /** The daemon process this feed attached to (0: none yet); attachments live in the daemon's memory. */
    private long attachedTo;

    DaemonTaskFeed(DaemonClient client, String id) {
        this.client = client;
        this.id = id;
    }

    String sessionId() {
        return id;
    }

    @Override
    public FeedState await(long afterSeq, Duration timeout) throws IOException, InterruptedException {
        long wait = afterSeq < 0 ? 0 : Math.max(0, Math.min(MAX_POLL_MILLIS, timeout.toMillis()));
        JsonNode batch = call(() -> client.events(id, Math.max(afterSeq, 0), wait));
        attachToCurrentDaemon();
        if (batch == null) { // nothing newer before the timeout
            return last != null ? last : snapshot(afterSeq);
        }
        for (JsonNode e : batch.path("events")) {
            if (e.path("type").asText().equals("busy")) {
                promptsTaken++;
            }
        }
        JsonNode s = batch.path("session");
        if (s.isMissingNode()) { // the session ended; claude is exiting
            last = new FeedState(batch.path("seq").asLong(), false, 0, promptsTaken);
        } else {
            last = state(batch.path("seq").asLong(), s);
        }
        return last;
    }

    /**
     * Attaches as the session's supervisor to the daemon the client talks to now, once per daemon process: after a
     * restart (kill -9 included) the new daemon knows the session (from its database, or as the next hook registers
     * it again) but not this supervisor, and would let the background waiter deliver instead.
     */
    void attachToCurrentDaemon() throws IOException {
        try {
            long daemon = client.state().pid();
            if (daemon != attachedTo) {
                client.attach(
                        id, AttachmentKind.SUPERVISOR, ProcessHandle.current().pid());
                attachedTo = daemon;
            }
        } catch (DaemonUnavailableException e) {
            throw new IOException(e.getMessage(), e);
        } catch (ApiException e) {
            throw new IOException("daemon refused: " + e.getMessage(), e);
        }
    }

    private FeedState snapshot(long seq) throws IOException {
        JsonNode s = call(() -> client.session(id));
        return state(Math.max(seq, 0), s);
    }

    private FeedState state(long seq, JsonNode s) {
        return new FeedState(
                seq,
                s.path("idle").asBoolean(),
                Math.max(0, s.path("pending_tasks").asInt()),
                promptsTaken);
    }

    @Override
    public Optional<TypingLease> leaseTasks() throws IOException {
        JsonNode l = call(() -> client.lease(
                id, new LeaseRequest(List.of(MessageKind.TASK), LeaseHolder.SUPERVISOR, "paste", LEASE_MILLIS, null)));
        if (!l.hasNonNull("lease_id") || l.path("messages").isEmpty()) {
            return Optional.empty();
        }
        List<String> ids = new ArrayList<>();
        l.path("messages").forEach(m -> ids.add(m.path("id").asText()));
        return Optional.of(new TypingLease(
                l.path("lease_id").asText(), ids, l.path("rendered").asText()));
    }

    @Override
    public void release(TypingLease lease) throws IOException {
        call(() -> client.releaseLease(lease.leaseId()));
    }

    @Override
    public void close() throws IOException {
        try {
            client.detach(id, ProcessHandle.current().pid());
        } catch (DaemonUnavailableException | ApiException e) {
            // the daemon's sweep detaches a dead supervisor anyway
        }
    }

    private interface Call {
        JsonNode run() throws DaemonUnavailableException;
    }

    private static JsonNode call(Call c) throws IOException {
        try {
            return c.run();
        } catch (DaemonUnavailableException e) {
            throw new IOException(e.getMessage(), e);
        } catch (ApiException e) {
            throw new IOException("daemon refused: " + e.getMessage(), e);
        }
    }
}
