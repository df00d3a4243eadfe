package dev.claudemesh.message;

import dev.claudemesh.session.Ids;

/** A stored message with its delivery state ({@code pending}, {@code leased} or {@code acked}). */
public record Message(
        String id,
        long seq,
        String from,
        String to,
        MessageKind kind,
        String body,
        long createdAt,
        String inReplyTo,
        int hops,
        String state,
        String leaseHolder,
        int attempts,
        Long ackedAt,
        String deliveredVia) {
    public Message {
        if (!Ids.isMessageId(id)) {
            throw new IllegalArgumentException("bad message id " + id);
        }
        Ids.requireClaudeId(to);
    }

    public boolean isTask() {
        return kind == MessageKind.TASK;
    }
}
