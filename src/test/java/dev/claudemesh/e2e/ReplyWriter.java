package dev.claudemesh.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

/** Writes a {@link Reply} the way the Anthropic Messages API does: SSE when streaming, one JSON otherwise. */
final class ReplyWriter {

    private static final Duration PING_INTERVAL = Duration.ofSeconds(5);
    private static final int JSON_DELTA_CHUNK = 24;

    private final ObjectMapper json;

    ReplyWriter(ObjectMapper json) {
        this.json = json;
    }

    void write(HttpExchange exchange, RecordedRequest request, Reply reply) throws IOException, InterruptedException {
        String model = request.body().path("model").asText("claude-fake");
        if (request.isStreaming()) {
            stream(exchange, request, model, reply);
        } else {
            whole(exchange, request, model, reply);
        }
    }

    private void whole(HttpExchange exchange, RecordedRequest request, String model, Reply reply)
            throws IOException, InterruptedException {
        if (reply instanceof Reply.Held held) {
            held.hold().started(request);
            Reply released;
            while ((released = held.hold().awaitRelease(PING_INTERVAL)) == null) {
                // keep waiting: a non-streaming response cannot send keep-alives
            }
            reply = released;
        }
        if (reply instanceof Reply.Failure failure) {
            send(exchange, failure.status(), error(failure));
            return;
        }
        ObjectNode message = messageShell(model);
        ArrayNode content = message.putArray("content");
        if (reply instanceof Reply.Text text) {
            content.addObject().put("type", "text").put("text", text.text());
            message.put("stop_reason", "end_turn");
        } else if (reply instanceof Reply.ToolUse use) {
            if (!use.preamble().isEmpty()) {
                content.addObject().put("type", "text").put("text", use.preamble());
            }
            content.addObject()
                    .put("type", "tool_use")
                    .put("id", use.id())
                    .put("name", use.name())
                    .set("input", use.input());
            message.put("stop_reason", "tool_use");
        }
        message.putObject("usage").put("input_tokens", 100).put("output_tokens", 10);
        send(exchange, 200, json.writeValueAsBytes(message));
    }

    private void stream(HttpExchange exchange, RecordedRequest request, String model, Reply reply)
            throws IOException, InterruptedException {
        if (reply instanceof Reply.Failure failure) {
            send(exchange, failure.status(), error(failure));
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.getResponseHeaders()
                .set("request-id", "req_fake_" + UUID.randomUUID().toString().replace("-", ""));
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        ObjectNode start = json.createObjectNode().put("type", "message_start");
        ObjectNode message = messageShell(model);
        message.putArray("content");
        message.putObject("usage").put("input_tokens", 100).put("output_tokens", 1);
        start.set("message", message);
        event(out, "message_start", start);
        if (reply instanceof Reply.Held held) {
            held.hold().started(request);
            Reply released;
            while ((released = held.hold().awaitRelease(PING_INTERVAL)) == null) {
                event(out, "ping", json.createObjectNode().put("type", "ping"));
            }
            reply = released;
        }
        if (reply instanceof Reply.Failure failure) {
            event(out, "error", error(json, failure));
            out.close();
            return;
        }
        String stopReason = "end_turn";
        int index = 0;
        if (reply instanceof Reply.Text text) {
            textBlock(out, index, text.text());
        } else if (reply instanceof Reply.ToolUse use) {
            if (!use.preamble().isEmpty()) {
                textBlock(out, index++, use.preamble());
            }
            toolUseBlock(out, index, use);
            stopReason = "tool_use";
        }
        ObjectNode delta = json.createObjectNode().put("type", "message_delta");
        delta.putObject("delta").put("stop_reason", stopReason).putNull("stop_sequence");
        delta.putObject("usage").put("output_tokens", 10);
        event(out, "message_delta", delta);
        event(out, "message_stop", json.createObjectNode().put("type", "message_stop"));
        out.close();
    }

    private void textBlock(OutputStream out, int index, String text) throws IOException {
        ObjectNode start =
                json.createObjectNode().put("type", "content_block_start").put("index", index);
        start.putObject("content_block").put("type", "text").put("text", "");
        event(out, "content_block_start", start);
        ObjectNode delta =
                json.createObjectNode().put("type", "content_block_delta").put("index", index);
        delta.putObject("delta").put("type", "text_delta").put("text", text);
        event(out, "content_block_delta", delta);
        event(
                out,
                "content_block_stop",
                json.createObjectNode().put("type", "content_block_stop").put("index", index));
    }

    private void toolUseBlock(OutputStream out, int index, Reply.ToolUse use) throws IOException {
        ObjectNode start =
                json.createObjectNode().put("type", "content_block_start").put("index", index);
        ObjectNode block = start.putObject("content_block")
                .put("type", "tool_use")
                .put("id", use.id())
                .put("name", use.name());
        block.putObject("input");
        event(out, "content_block_start", start);
        String input = json.writeValueAsString(use.input());
        for (int from = 0; from < input.length(); from += JSON_DELTA_CHUNK) {
            String part = input.substring(from, Math.min(input.length(), from + JSON_DELTA_CHUNK));
            ObjectNode delta =
                    json.createObjectNode().put("type", "content_block_delta").put("index", index);
            delta.putObject("delta").put("type", "input_json_delta").put("partial_json", part);
            event(out, "content_block_delta", delta);
        }
        event(
                out,
                "content_block_stop",
                json.createObjectNode().put("type", "content_block_stop").put("index", index));
    }

    private void event(OutputStream out, String name, ObjectNode data) throws IOException {
        out.write(("event: " + name + "\ndata: " + json.writeValueAsString(data) + "\n\n")
                .getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private ObjectNode messageShell(String model) {
        ObjectNode message = json.createObjectNode()
                .put(
                        "id",
                        "msg_fake_"
                                + UUID.randomUUID().toString().replace("-", "").substring(0, 20))
                .put("type", "message")
                .put("role", "assistant")
                .put("model", model);
        message.putNull("stop_reason");
        message.putNull("stop_sequence");
        return message;
    }

    private byte[] error(Reply.Failure failure) throws IOException {
        return json.writeValueAsBytes(error(json, failure));
    }

    private static ObjectNode error(ObjectMapper json, Reply.Failure failure) {
        ObjectNode error = json.createObjectNode().put("type", "error");
        error.putObject("error").put("type", failure.errorType()).put("message", failure.message());
        return error;
    }

    static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
