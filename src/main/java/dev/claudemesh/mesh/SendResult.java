package dev.claudemesh.mesh;

import dev.claudemesh.message.Message;

/** A stored message and how it will reach its receiver. */
public record SendResult(Message message, SessionView to, DeliveryPath delivery) {
    public boolean wakeable() {
        return delivery != DeliveryPath.NEXT_PROMPT;
    }
}
