package dev.claudemesh.message;

import dev.claudemesh.session.Ids;

/** A stored message with its delivery state and, once acked, the path that delivered it. */
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
        MessageState state,
        LeaseHolder leaseHolder,
        int attempts,
        Long ackedAt,
        LeaseHolder deliveredVia) {
    public Message {
        if (!Ids.isMessageId(id)) {
            throw new IllegalArgumentException("bad message id " + id);
        }
        Ids.requireClaudeId(to);
    }

    /** The same message in another delivery state. */
    public Message withDelivery(MessageState newState, LeaseHolder holder, int tries, Long acked, LeaseHolder via) {
        return new Message(
                id, seq, from, to, kind, body, createdAt, inReplyTo, hops, newState, holder, tries, acked, via);
    }

    public boolean isTask() {
        return kind == MessageKind.TASK;
    }
}
