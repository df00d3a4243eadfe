package dev.claudemesh.daemon;

import dev.claudemesh.session.Ids;
import dev.claudemesh.session.InvalidInputException;
import io.javalin.http.Context;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The long-poll rule the event routes share: answer at once when something newer exists or the caller asked not
 * to wait ({@code timeout=0}), else park the request on the arrival future (no thread held) until it completes or
 * the timeout passes. Either way the waiter is forgotten before the answer, so polls that never park leave nothing
 * behind.
 */
final class LongPoll {
    static final long MAX_TIMEOUT_MS = 55_000;
    static final long DEFAULT_TIMEOUT_MS = 25_000;

    private LongPoll() {}

    /** The {@code timeout} query parameter: 0 to {@link #MAX_TIMEOUT_MS} ms, {@link #DEFAULT_TIMEOUT_MS} if absent. */
    static long timeout(Context ctx) {
        long timeout = queryLong(ctx, "timeout", DEFAULT_TIMEOUT_MS);
        if (timeout < 0 || timeout > MAX_TIMEOUT_MS) {
            throw new InvalidInputException("timeout must be 0-" + MAX_TIMEOUT_MS + " ms");
        }
        return timeout;
    }

    static void answer(
            Context ctx, CompletableFuture<Void> arrival, long timeoutMs, Runnable forget, Runnable respond) {
        if (arrival.isDone() || timeoutMs == 0) {
            forget.run();
            respond.run();
            return;
        }
        ctx.future(() -> arrival.completeOnTimeout(null, timeoutMs, TimeUnit.MILLISECONDS)
                .thenRun(() -> {
                    forget.run();
                    respond.run();
                }));
    }

    static long queryLong(Context ctx, String name, long fallback) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isEmpty()) {
            return fallback;
        }
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(name + " must be a number, got '" + Ids.printable(raw) + "'");
        }
    }
}
