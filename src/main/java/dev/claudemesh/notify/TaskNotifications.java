package dev.claudemesh.notify;

import dev.claudemesh.config.NotifyMode;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decision and the rate limit in front of a back-end: {@link #onArrival} is called for every message
 * that lands; it shows a bubble only when {@link NotifyPolicy} wants one and the session's window allows.
 * A back-end failure is logged once per kind of failure and never reaches the caller.
 */
public final class TaskNotifications implements AutoCloseable {
    public static final long RATE_LIMIT_MILLIS = 30_000;
    private static final Logger LOG = LoggerFactory.getLogger(TaskNotifications.class);

    private final Supplier<NotifyMode> mode;
    private final Notifier notifier;
    private final SessionRateLimit limit;
    private volatile String lastFailure;

    public TaskNotifications(Supplier<NotifyMode> mode, Notifier notifier, SessionRateLimit limit) {
        this.mode = mode;
        this.notifier = notifier;
        this.limit = limit;
    }

    /** True when a notification was handed to the back-end. */
    public boolean onArrival(TaskArrival a) {
        if (!NotifyPolicy.wants(mode.get(), a) || !limit.tryAcquire(a.sessionId())) {
            return false;
        }
        try {
            notifier.show(NotificationText.of(a));
            return true;
        } catch (Exception e) {
            String what = e.getClass().getSimpleName() + ": " + e.getMessage();
            if (!what.equals(lastFailure)) {
                lastFailure = what;
                LOG.warn("desktop notification via {} failed: {}", notifier.name(), what);
            }
            return false;
        }
    }

    public void sessionEnded(String sessionId) {
        limit.forget(sessionId);
    }

    public String backend() {
        return notifier.name();
    }

    @Override
    public void close() {
        notifier.close();
    }
}
