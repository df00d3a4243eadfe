package dev.claudemesh.mesh;

/**
 * One thing that happened anywhere in the mesh, for clients that follow all of it (the tray app). {@code type} is
 * a dotted name ({@code session.registered}, {@code message.sent}, ...; see {@link MeshFeed}); {@code session} is
 * the session it concerns (for messages: the receiver); the other fields are set where they apply.
 *
 * @param kind {@code task}/{@code note} for messages, {@code supervisor}/{@code waiter} for attachments
 * @param path the delivery path for {@code message.leased} and {@code message.delivered} (e.g. {@code supervisor},
 *     {@code hook:stop})
 */
public record MeshEvent(
        long seq, String type, String session, String messageId, String kind, String from, String path, long at) {
    public MeshEvent {
        if (type == null || !type.contains(".")) {
            throw new IllegalArgumentException("event type must be a dotted name, got " + type);
        }
    }
}
