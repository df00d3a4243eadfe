package dev.claudemesh.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Extracts the readable text from Messages API {@code content}. */
final class MessageText {

    private MessageText() {}

    static String of(List<JsonNode> messages) {
        StringBuilder out = new StringBuilder();
        for (JsonNode message : messages) {
            append(out, ofContent(message.path("content")));
        }
        return out.toString();
    }

    static String ofContent(JsonNode content) {
        StringBuilder out = new StringBuilder();
        if (content.isTextual()) {
            append(out, content.asText());
        }
        for (JsonNode block : content) {
            switch (block.path("type").asText()) {
                case "text" -> append(out, block.path("text").asText());
                case "tool_result" -> append(out, ofContent(block.path("content")));
                default -> {
                    // images, thinking, tool_use inputs: not text the user wrote
                }
            }
        }
        return out.toString();
    }

    private static void append(StringBuilder out, String text) {
        if (text.isEmpty()) {
            return;
        }
        if (out.length() > 0) {
            out.append('\n');
        }
        out.append(text);
    }
}
