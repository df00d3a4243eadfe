package dev.claudemesh.notify;

import java.util.Objects;

/** What a desktop bubble shows, and the session a click on it opens. Texts are already safe to display. */
public record Notification(String sessionId, String summary, String body) {
    public Notification {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(body, "body");
    }
}
