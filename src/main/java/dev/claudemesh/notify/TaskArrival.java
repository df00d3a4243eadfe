package dev.claudemesh.notify;

import dev.claudemesh.message.MessageKind;
import java.util.Objects;

/**
 * A message that just landed, with what the receiving session looked like at that moment: the facts the
 * notification decision needs and the text a bubble shows.
 *
 * @param waiter a background Stop waiter (asyncRewake) is attached and will wake the session
 */
public record TaskArrival(
        String sessionId,
        String folder,
        String sender,
        MessageKind kind,
        String body,
        boolean idle,
        boolean supervised,
        boolean waiter) {
    public TaskArrival {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(kind, "kind");
        folder = folder == null || folder.isBlank() ? sessionId : folder;
        sender = sender == null ? "" : sender;
        body = body == null ? "" : body;
    }
}
