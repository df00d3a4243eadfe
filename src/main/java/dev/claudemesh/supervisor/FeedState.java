package dev.claudemesh.supervisor;

/**
 * The daemon's view of the supervised session.
 *
 * @param seq increases with every change; {@link TaskFeed#await} waits for a higher one
 * @param idle set by claude's Stop hook, cleared by UserPromptSubmit
 * @param pendingTasks tasks waiting for delivery and not leased
 * @param promptsTaken how many prompts claude took in this session (UserPromptSubmit count); lets the supervisor
 *     see a submit even when the busy spell between two states it saw was too short to observe
 */
public record FeedState(long seq, boolean idle, int pendingTasks, long promptsTaken) {
    public FeedState {
        if (pendingTasks < 0) {
            throw new IllegalArgumentException("pendingTasks cannot be negative: " + pendingTasks);
        }
        if (promptsTaken < 0) {
            throw new IllegalArgumentException("promptsTaken cannot be negative: " + promptsTaken);
        }
    }

    /** A state without a prompt count: submits are then seen only as idle-to-busy changes. */
    public FeedState(long seq, boolean idle, int pendingTasks) {
        this(seq, idle, pendingTasks, 0);
    }

    /** Whether claude took a prompt between {@code earlier} and this state. */
    boolean promptTakenSince(FeedState earlier) {
        return promptsTaken > earlier.promptsTaken || (earlier.idle && !idle);
    }
}
