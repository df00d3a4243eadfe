package dev.claudemesh.gui.model;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One event of the daemon's mesh-wide stream ({@code GET /v1/events}), as the model hands it to views: e.g. {@code
 * message.delivered} for {@code messageId} by {@code path}. Text fields are null when the event has none.
 */
public record FeedEvent(
        long seq, String type, String session, String messageId, String kind, String from, String path, long at) {
    public static FeedEvent fromJson(JsonNode e) {
        return new FeedEvent(
                e.path("seq").asLong(),
                e.path("type").asText(),
                text(e, "session"),
                text(e, "message_id"),
                text(e, "kind"),
                text(e, "from"),
                text(e, "path"),
                e.path("at").asLong());
    }

    public boolean isMessage() {
        return type.startsWith("message.");
    }

    private static String text(JsonNode e, String field) {
        JsonNode v = e.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
