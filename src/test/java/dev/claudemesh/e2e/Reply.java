package dev.claudemesh.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/** What the fake model answers to one Messages request. */
public sealed interface Reply {

    /** A plain assistant text; the turn ends ({@code stop_reason: end_turn}). */
    record Text(String text) implements Reply {
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * The model calls a tool ({@code stop_reason: tool_use}); claude runs it and sends the result in its next
     * request. {@code preamble} is optional text before the call.
     */
    record ToolUse(String id, String name, JsonNode input, String preamble) implements Reply {
        public ToolUse {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            if (input == null || !input.isObject()) {
                throw new IllegalArgumentException("tool_use input must be a JSON object, got " + input);
            }
            preamble = preamble == null ? "" : preamble;
        }
    }

    /** The response stalls (headers and {@code message_start} sent, pings kept up) until the hold is released. */
    record Held(Hold hold) implements Reply {
        public Held {
            Objects.requireNonNull(hold, "hold");
        }
    }

    /** An API error: an HTTP error status, or an SSE {@code error} event if the stream already started. */
    record Failure(int status, String errorType, String message) implements Reply {
        public Failure {
            if (status < 400 || status > 599) {
                throw new IllegalArgumentException("an API failure needs a 4xx/5xx status, got " + status);
            }
            Objects.requireNonNull(errorType, "errorType");
            Objects.requireNonNull(message, "message");
        }
    }

    static Reply text(String text) {
        return new Text(text);
    }

    static Reply toolUse(String name, JsonNode input) {
        return new ToolUse(ToolIds.next(), name, input, "");
    }

    /** A tool call with its input given as JSON text, e.g. {@code toolUse("mcp__claudemesh__list_instances", "{}")}. */
    static Reply toolUse(String name, String inputJson) {
        try {
            return toolUse(name, ToolIds.JSON.readTree(inputJson));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("tool_use input is not valid JSON: " + inputJson, e);
        }
    }

    static Reply hold(Hold hold) {
        return new Held(hold);
    }

    /** Overloaded (529): claude retries with backoff. */
    static Reply overloaded() {
        return new Failure(529, "overloaded_error", "Overloaded");
    }

    /** Unique tool_use ids across the JVM (ids only need to be unique, so a counter is enough). */
    final class ToolIds {
        static final ObjectMapper JSON = new ObjectMapper();
        private static final AtomicLong COUNTER = new AtomicLong();

        private ToolIds() {}

        static String next() {
            return "toolu_fake_" + String.format("%014d", COUNTER.incrementAndGet());
        }
    }
}
