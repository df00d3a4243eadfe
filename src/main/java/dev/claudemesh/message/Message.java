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

    /** The same message in another delivery state. */
    public Message withDelivery(String newState, String holder, int tries, Long acked, String via) {
        return new Message(
                id, seq, from, to, kind, body, createdAt, inReplyTo, hops, newState, holder, tries, acked, via);
    }

    public boolean isTask() {
        return kind == MessageKind.TASK;
    }
}
