package dev.claudemesh.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One HTTP request the fake API received, body parsed as JSON when it is JSON ({@link MissingNode}
 * otherwise). Header names are lower-case.
 *
 * @param index position in arrival order, from 0
 * @param arrivalNanos {@link System#nanoTime()} when the request line arrived
 */
public record RecordedRequest(
        int index,
        long arrivalNanos,
        String method,
        String path,
        String query,
        Map<String, String> headers,
        JsonNode body,
        String rawBody) {

    private static final Pattern WORKING_DIRECTORY = Pattern.compile("Primary working directory: ([^\\n]+)");

    public RecordedRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        query = query == null ? "" : query;
        headers = Map.copyOf(headers);
        body = body == null ? MissingNode.getInstance() : body;
        rawBody = rawBody == null ? "" : rawBody;
    }

    /** A Messages API call ({@code POST /v1/messages}, not count_tokens). */
    public boolean isMessages() {
        return method.equals("POST") && path.equals("/v1/messages");
    }

    /** A main-conversation turn: a Messages call that offers claude's tools (title/summary calls do not). */
    public boolean isMain() {
        JsonNode tools = body.path("tools");
        return isMessages() && tools.isArray() && !tools.isEmpty();
    }

    public boolean isStreaming() {
        return body.path("stream").asBoolean(false);
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** Claude Code's session id, sent as {@code X-Claude-Code-Session-Id}. */
    public String claudeSessionId() {
        return header("x-claude-code-session-id");
    }

    public List<JsonNode> messages() {
        List<JsonNode> result = new ArrayList<>();
        body.path("messages").forEach(result::add);
        return result;
    }

    /**
     * All text the model can read in {@code messages}: string contents, text blocks, tool results,
     * including hook-added context and {@code role: "system"} entries, one block per line.
     */
    public String messagesText() {
        return MessageText.of(messages());
    }

    /**
     * The text of what is new in this turn: every message after the last assistant message (the user's
     * prompt with any hook context, Stop-hook feedback, tool results).
     */
    public String lastTurnText() {
        List<JsonNode> messages = messages();
        int start = 0;
        for (int i = 0; i < messages.size(); i++) {
            if ("assistant".equals(messages.get(i).path("role").asText())) {
                start = i + 1;
            }
        }
        return MessageText.of(messages.subList(start, messages.size()));
    }

    /**
     * What the user typed this turn: the last text block of the newest user message that is not a
     * {@code <system-reminder>} (empty if the turn holds only tool results or context).
     */
    public String promptText() {
        List<JsonNode> messages = messages();
        for (int i = messages.size() - 1; i >= 0; i--) {
            JsonNode message = messages.get(i);
            String role = message.path("role").asText();
            if (role.equals("assistant")) {
                return "";
            }
            if (!role.equals("user")) {
                continue;
            }
            JsonNode content = message.path("content");
            if (content.isTextual()) {
                return content.asText();
            }
            for (int b = content.size() - 1; b >= 0; b--) {
                JsonNode block = content.get(b);
                String text = block.path("text").asText();
                if ("text".equals(block.path("type").asText()) && !text.startsWith("<system-reminder>")) {
                    return text;
                }
            }
        }
        return "";
    }

    /**
     * The folder claude runs in, as its environment context states it ("Primary working directory: ..."), to
     * tell apart requests of several claudes sharing one fake API.
     */
    public Optional<String> workingDirectory() {
        Matcher m = WORKING_DIRECTORY.matcher(messagesText() + "\n" + systemText());
        return m.find() ? Optional.of(m.group(1).strip()) : Optional.empty();
    }

    /** Whether {@code text} occurs anywhere in {@link #messagesText()}. */
    public boolean containsText(String text) {
        return messagesText().contains(text);
    }

    /** The top-level {@code system} prompt as text. */
    public String systemText() {
        return MessageText.ofContent(body.path("system"));
    }

    /** The {@code tool_result} blocks of the messages, in order. */
    public List<JsonNode> toolResults() {
        List<JsonNode> results = new ArrayList<>();
        for (JsonNode message : messages()) {
            for (JsonNode block : message.path("content")) {
                if ("tool_result".equals(block.path("type").asText())) {
                    results.add(block);
                }
            }
        }
        return results;
    }

    /** One line for failure messages. */
    public String summary() {
        String text = isMessages() ? lastTurnText().replaceAll("\\s+", " ") : rawBody;
        if (text.length() > 160) {
            text = text.substring(0, 160) + "…";
        }
        return "#" + index + " " + method + " " + path + (query.isEmpty() ? "" : "?" + query)
                + (isMain() ? " [main]" : "") + (text.isEmpty() ? "" : " " + text);
    }
}
