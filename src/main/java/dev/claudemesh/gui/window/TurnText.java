package dev.claudemesh.gui.window;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudemesh.gui.Times;

/** A transcript turn ({@code {"index", "started_at", "entries": [...]}}) as readable text. */
final class TurnText {
    private TurnText() {}

    static String of(JsonNode turn) {
        StringBuilder b = new StringBuilder();
        b.append("Turn ").append(turn.path("index").asInt());
        String at = Times.showIso(turn.path("started_at").asText(""));
        if (!at.isEmpty()) {
            b.append(" · ").append(at);
        }
        b.append('\n');
        for (JsonNode e : turn.path("entries")) {
            String role = e.path("role").asText();
            String name = e.path("name").asText("");
            String label = switch (role) {
                case "user" -> "You";
                case "assistant" -> "Claude";
                default -> role + (name.isEmpty() ? "" : " " + name);
            };
            b.append(label).append(": ").append(e.path("text").asText()).append('\n');
        }
        return b.toString();
    }
}
