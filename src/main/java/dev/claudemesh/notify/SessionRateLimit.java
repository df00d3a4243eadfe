package dev.claudemesh.notify;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/** At most one notification per session in any window of {@code intervalMillis}; the rest are dropped. */
public final class SessionRateLimit {
    private final long intervalMillis;
    private final LongSupplier clock;
    private final Map<String, Long> last = new HashMap<>();

    public SessionRateLimit(long intervalMillis, LongSupplier clock) {
        if (intervalMillis < 0) {
            throw new IllegalArgumentException("interval must not be negative, got " + intervalMillis);
        }
        this.intervalMillis = intervalMillis;
        this.clock = clock;
    }

    /** True, and the window restarts, when this session may notify now. */
    public synchronized boolean tryAcquire(String sessionId) {
        long now = clock.getAsLong();
        Long before = last.get(sessionId);
        if (before != null && now - before < intervalMillis) {
            return false;
        }
        last.put(sessionId, now);
        if (last.size() > 4096) {
            last.values().removeIf(t -> now - t >= intervalMillis);
        }
        return true;
    }

    /** Forgets a session that ended. */
    public synchronized void forget(String sessionId) {
        last.remove(sessionId);
    }
}
