package dev.claudemesh.message;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Per-session event streams for long-polling waiters. Sequence numbers start at the daemon's boot time in
 * microseconds, so they keep increasing across daemon restarts and a client's old cursor stays valid.
 * Waiters park on futures completed by {@link #publish}; nothing polls.
 */
public final class EventHub {
    private static final int KEEP = 256;

    private final long base;
    private final Map<String, Channel> channels = new HashMap<>();

    private static final class Channel {
        long seq;
        final Deque<Event> recent = new ArrayDeque<>();
        final List<CompletableFuture<Void>> waiters = new ArrayList<>();

        Channel(long base) {
            this.seq = base;
        }
    }

    /** What a waiter gets back: events after its cursor, the newest seq, and whether older ones were dropped. */
    public record Batch(long seq, List<Event> events, boolean truncated) {}

    public EventHub(long bootMillis) {
        this.base = bootMillis * 1000;
    }

    /**
     * Appends an event and wakes the session's waiters. They are woken after the hub's lock is released: what a
     * waiter runs when woken (an answer written, a claim started) never holds up publishers of other sessions.
     */
    public Event publish(String session, String type, String messageId, String kind, long now) {
        Event e;
        List<CompletableFuture<Void>> wake;
        synchronized (this) {
            Channel ch = channels.computeIfAbsent(session, k -> new Channel(base));
            e = new Event(++ch.seq, type, messageId, kind, now);
            ch.recent.addLast(e);
            if (ch.recent.size() > KEEP) {
                ch.recent.removeFirst();
            }
            wake = List.copyOf(ch.waiters);
            ch.waiters.clear();
        }
        wake.forEach(f -> f.complete(null));
        return e;
    }

    public synchronized long seq(String session) {
        Channel ch = channels.get(session);
        return ch == null ? base : ch.seq;
    }

    public synchronized Batch since(String session, long after) {
        Channel ch = channels.get(session);
        if (ch == null) {
            return new Batch(base, List.of(), after < base);
        }
        List<Event> out = new ArrayList<>();
        for (Event e : ch.recent) {
            if (e.seq() > after) {
                out.add(e);
            }
        }
        boolean truncated = after < ch.seq && (out.isEmpty() || out.get(0).seq() > after + 1);
        return new Batch(ch.seq, out, truncated);
    }

    /** A future that completes when the session's seq passes {@code after} (at once if it already has). */
    public synchronized CompletableFuture<Void> awaitAfter(String session, long after) {
        Channel ch = channels.computeIfAbsent(session, k -> new Channel(base));
        if (ch.seq > after) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> f = new CompletableFuture<>();
        ch.waiters.add(f);
        return f;
    }

    /** How many requests wait on this session now (diagnostics). */
    public synchronized int waiting(String session) {
        Channel ch = channels.get(session);
        return ch == null ? 0 : ch.waiters.size();
    }

    /** Drops a waiter that timed out or whose client went away. */
    public synchronized void forget(String session, CompletableFuture<Void> f) {
        Channel ch = channels.get(session);
        if (ch != null) {
            ch.waiters.remove(f);
        }
    }

    /** Wakes and forgets everyone waiting on a session that ended. */
    public void close(String session, long now) {
        publish(session, "ended", null, null, now);
    }
}
