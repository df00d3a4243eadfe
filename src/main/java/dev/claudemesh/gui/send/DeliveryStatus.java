package dev.claudemesh.gui.send;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudemesh.gui.Times;
import dev.claudemesh.gui.model.FeedEvent;

/** A sent message's delivery state in words, from the send answer, the event stream, or {@code GET /v1/messages}. */
final class DeliveryStatus {
    private DeliveryStatus() {}

    /** Right after the daemon stored it: {@code delivery} is the path it expects (realtime, end-of-turn, ...). */
    static String stored(JsonNode answer) {
        String expected = switch (answer.path("delivery").asText()) {
            case "realtime" -> "it will be typed into the session right away";
            case "end-of-turn" -> "it will be handed over when the session's current turn ends";
            case "next-prompt" -> "it will be added to the session's next prompt";
            default -> "expected delivery: " + answer.path("delivery").asText("unknown");
        };
        return "Pending: " + expected + ".";
    }

    /** After an event about the message, or null when the event changes nothing we show. */
    static String after(FeedEvent e) {
        return switch (e.type()) {
            case "message.leased" -> "Being delivered by " + path(e.path()) + "…";
            case "message.delivered" -> "Delivered via " + path(e.path()) + " at " + Times.showMillis(e.at()) + ".";
            case "message.released" -> "Pending again: the path that took it could not deliver it; another will.";
            case "message.expired" -> "Pending again: a delivery attempt timed out; it will be tried again.";
            default -> null;
        };
    }

    /** From the message record ({@code GET /v1/messages/{id}}). */
    static String of(JsonNode message) {
        return switch (message.path("state").asText()) {
            case "acked" ->
                "Delivered via " + path(message.path("delivered_via").asText(null)) + " at "
                        + Times.showMillis(message.path("acked_at").asLong()) + ".";
            case "leased" ->
                "Being delivered by " + path(message.path("lease_holder").asText(null)) + "…";
            default -> "Pending: not delivered yet.";
        };
    }

    static boolean isFinal(String text) {
        return text != null && text.startsWith("Delivered");
    }

    private static String path(String p) {
        if (p == null || p.isEmpty()) {
            return "an unknown path";
        }
        return switch (p) {
            case "supervisor" -> "the supervisor (typed into the terminal)";
            case "waiter" -> "the background waiter (woke the session)";
            case "hook:stop" -> "the Stop hook (at the end of a turn)";
            case "hook:prompt" -> "the prompt hook (with the next prompt)";
            case "drain" -> "an inbox read (read_inbox)";
            default -> p;
        };
    }
}
