package dev.claudemesh.gui.window;

import com.fasterxml.jackson.databind.JsonNode;

/** One message in a session's inbox, as {@code GET /v1/sessions/{id}/inbox} lists it. */
record InboxItem(
        String id,
        String from,
        String kind,
        String state,
        long createdAt,
        Long ackedAt,
        String deliveredVia,
        String leaseHolder,
        int attempts,
        String body) {
    static InboxItem fromJson(JsonNode m) {
        return new InboxItem(
                m.path("id").asText(),
                m.path("from").asText(),
                m.path("kind").asText(),
                m.path("state").asText(),
                m.path("created_at").asLong(),
                m.hasNonNull("acked_at") ? m.path("acked_at").asLong() : null,
                m.hasNonNull("delivered_via") ? m.path("delivered_via").asText() : null,
                m.hasNonNull("lease_holder") ? m.path("lease_holder").asText() : null,
                m.path("attempts").asInt(),
                m.path("body").asText());
    }

    /** {@code pending}, {@code being delivered (supervisor)} or {@code delivered}, as a person would say it. */
    String status() {
        return switch (state) {
            case "acked" -> "delivered";
            case "leased" -> "being delivered" + (leaseHolder == null ? "" : " (" + leaseHolder + ")");
            default -> state;
        };
    }

    String firstLine() {
        int nl = body.indexOf('\n');
        return nl < 0 ? body : body.substring(0, nl) + " …";
    }
}
