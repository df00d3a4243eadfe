package dev.claudemesh.mesh;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The mesh-wide event stream: every session and message change, in one sequence, kept in a bounded ring for
 * long-polling clients. Like the per-session hub, sequence numbers start at the daemon's boot time in
 * microseconds, so a cursor from an earlier daemon reads as "too far behind" ({@code truncated}) and the client
 * reloads its snapshot. Waiters park on futures that {@link #publish} completes; nothing polls.
 *
 * <p>Types: {@code session.registered}, {@code session.ended}, {@code session.idle}, {@code session.busy},
 * {@code session.attached} and {@code session.detached} (kind {@code supervisor} or {@code waiter}); {@code
 * message.sent}, {@code message.leased}, {@code message.delivered} (acknowledged: it reached claude, by {@code
 * path}), {@code message.released}, {@code message.expired} (a lease ran out; the message is pending again).
 */
public final class MeshFeed {
    public static final int DEFAULT_KEEP = 4096;

    private final int keep;
    private final Deque<MeshEvent> recent = new ArrayDeque<>();
    private final List<CompletableFuture<Void>> waiters = new ArrayList<>();
    private long seq;

    /** What a client gets back: events after its cursor, the newest seq, and whether some were dropped. */
    public record Batch(long seq, List<MeshEvent> events, boolean truncated) {}

    public MeshFeed(long bootMillis) {
        this(bootMillis, DEFAULT_KEEP);
    }

    public MeshFeed(long bootMillis, int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("keep must be positive");
        }
        this.seq = bootMillis * 1000;
        this.keep = keep;
    }

    public void session(String type, String session, String kind, long now) {
        publish("session." + type, session, null, kind, null, null, now);
    }

    public void message(
            String type, String session, String messageId, String kind, String from, String path, long now) {
        publish("message." + type, session, messageId, kind, from, path, now);
    }

    public MeshEvent publish(
            String type, String session, String messageId, String kind, String from, String path, long now) {
        List<CompletableFuture<Void>> wake;
        MeshEvent e;
        synchronized (this) {
            e = new MeshEvent(++seq, type, session, messageId, kind, from, path, now);
            recent.addLast(e);
            if (recent.size() > keep) {
                recent.removeFirst();
            }
            wake = List.copyOf(waiters);
            waiters.clear();
        }
        wake.forEach(f -> f.complete(null)); // outside the lock: completions run the waiters' answers
        return e;
    }

    public synchronized long seq() {
        return seq;
    }

    /**
     * Events after {@code after}. {@code truncated} when the client missed some (it fell behind the ring, or its
     * cursor comes from another daemon run): it should reload the whole state and continue from {@code seq}.
     */
    public synchronized Batch since(long after) {
        List<MeshEvent> out = new ArrayList<>();
        for (MeshEvent e : recent) {
            if (e.seq() > after) {
                out.add(e);
            }
        }
        long firstKept = recent.isEmpty() ? seq + 1 : recent.peekFirst().seq();
        boolean truncated = after > seq || after < firstKept - 1;
        return new Batch(seq, out, truncated);
    }

    /** A future that completes when the stream passes {@code after} (at once if it has, or if the cursor is bad). */
    public synchronized CompletableFuture<Void> awaitAfter(long after) {
        if (seq != after) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> f = new CompletableFuture<>();
        waiters.add(f);
        return f;
    }

    /** Drops a waiter that timed out or whose client went away. */
    public synchronized void forget(CompletableFuture<Void> f) {
        waiters.remove(f);
    }

    synchronized int waiting() {
        return waiters.size();
    }
}
