package dev.claudemesh.supervisor;

/**
 * The daemon's view of the supervised session.
 *
 * @param seq increases with every change; {@link TaskFeed#await} waits for a higher one
 * @param idle set by claude's Stop hook, cleared by UserPromptSubmit
 * @param pendingTasks tasks waiting for delivery and not leased
 */
public record FeedState(long seq, boolean idle, int pendingTasks) {
    public FeedState {
        if (pendingTasks < 0) {
            throw new IllegalArgumentException("pendingTasks cannot be negative: " + pendingTasks);
        }
    }
}
