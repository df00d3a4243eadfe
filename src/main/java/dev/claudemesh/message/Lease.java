package dev.claudemesh.message;

import java.util.List;

/** Messages handed to one delivery path; acked once they reached claude, else they return to pending. */
public record Lease(String id, LeaseHolder holder, long expiresAt, List<Message> messages) {
    public Lease {
        messages = List.copyOf(messages);
    }

    public boolean isEmpty() {
        return messages.isEmpty();
    }
}
