package dev.claudemesh.mesh;

import dev.claudemesh.message.Message;

/**
 * A stored message and how it will reach its receiver: {@code realtime} (a supervisor or waiter will wake
 * it now), {@code end-of-turn} (it is busy; its Stop hook hands the task over) or {@code next-prompt}.
 */
public record SendResult(Message message, SessionView to, String delivery) {
    public boolean wakeable() {
        return !delivery.equals("next-prompt");
    }
}
