package dev.claudemesh.e2e;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Keeps one model response pending until the test releases it, e.g. to keep a {@code claude -p} session
 * alive while the test looks at it. Use once: {@code api.enqueue(Reply.hold(hold))}.
 */
public final class Hold {

    private final CompletableFuture<RecordedRequest> held = new CompletableFuture<>();
    private final CompletableFuture<Reply> release = new CompletableFuture<>();
    private final Reply defaultRelease;

    private Hold(Reply then) {
        if (then instanceof Reply.Held) {
            throw new IllegalArgumentException("a hold cannot release into another hold");
        }
        this.defaultRelease = Objects.requireNonNull(then, "then");
    }

    /** A hold that answers {@code then} once released. */
    public static Hold then(Reply then) {
        return new Hold(then);
    }

    /** A hold that answers the text "ok" once released. */
    public static Hold untilReleased() {
        return new Hold(Reply.text("ok"));
    }

    /** Waits until a request is being held and returns it. */
    public RecordedRequest awaitHeld(Duration timeout) {
        try {
            return held.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("No request reached the hold within " + timeout.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting for a held request", e);
        } catch (ExecutionException e) {
            throw new AssertionError("The hold was abandoned", e.getCause());
        }
    }

    public boolean isHolding() {
        return held.isDone() && !release.isDone();
    }

    /** Lets the held response finish with the reply given at construction. */
    public void release() {
        release.complete(defaultRelease);
    }

    /** Lets the held response finish with {@code reply} instead. */
    public void release(Reply reply) {
        if (reply instanceof Reply.Held) {
            throw new IllegalArgumentException("a hold cannot release into another hold");
        }
        release.complete(reply);
    }

    void started(RecordedRequest request) {
        held.complete(request);
    }

    /** Blocks the server thread; returns the reply to send, or null if the wait timed out. */
    Reply awaitRelease(Duration step) throws InterruptedException {
        try {
            return release.get(step.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    void abandon() {
        held.completeExceptionally(new IllegalStateException("the fake API was closed"));
        release.complete(new Reply.Failure(500, "api_error", "the fake API was closed"));
    }
}
