package dev.claudemesh.supervisor;

import java.util.List;
import java.util.Objects;

/**
 * Tasks the daemon handed to this supervisor for typing. The daemon acks them when claude's next UserPromptSubmit
 * carries their message ids, and gives them out again when the lease expires unconfirmed.
 *
 * @param renderedText the task(s) as they should appear in claude's prompt (typed as one bracketed paste)
 */
public record TypingLease(String leaseId, List<String> messageIds, String renderedText) {
    public TypingLease {
        if (leaseId == null || leaseId.isBlank()) {
            throw new IllegalArgumentException("a lease needs an id");
        }
        messageIds = List.copyOf(messageIds);
        if (messageIds.isEmpty()) {
            throw new IllegalArgumentException("a lease needs at least one message id");
        }
        Objects.requireNonNull(renderedText, "renderedText");
        if (renderedText.isBlank()) {
            throw new IllegalArgumentException("a lease needs the text to type; the daemon sent none");
        }
    }
}
