package dev.claudemesh.transcript;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns one parsed transcript record into readable {@link TurnEntry}s; records it does not know give none.
 * Sidechain (subagent) records give none: the subagent's answer reaches the main chain as the Task tool's
 * result. Thinking blocks are omitted. Of attachments only hook output and queued commands are kept; of system
 * records those with text, and compaction markers.
 */
final class EntryExtractor {
    /** The top-level record fields {@link #extract} reads; parse lines with {@link #read} to skip the rest. */
    static final Set<String> FIELDS = Set.of(
            "type",
            "timestamp",
            "isSidechain",
            "isMeta",
            "isCompactSummary",
            "message",
            "attachment",
            "rendered",
            "subtype",
            "content");

    private final JsonSupport json;

    EntryExtractor(JsonSupport json) {
        this.json = json;
    }

    /** The record on this line with just the fields {@link #extract} needs, or null if the line is not one. */
    JsonNode read(byte[] buf, int off, int len) {
        return json.readObject(buf, off, len, FIELDS);
    }

    /**
     * @param prompt whether {@link PromptClassifier} said this record starts a turn
     * @param toolNames tool_use id to tool name, filled from tool calls and read for their results
     */
    List<TurnEntry> extract(JsonNode rec, boolean prompt, Map<String, String> toolNames) {
        List<TurnEntry> out = new ArrayList<>(2);
        if (rec.path("isSidechain").asBoolean(false)) {
            return out;
        }
        Instant at = InstantJson.parseOrNull(rec.path("timestamp").textValue());
        switch (rec.path("type").asText("")) {
            case "user" -> user(rec, at, prompt, toolNames, out);
            case "assistant" -> assistant(rec.path("message").path("content"), at, toolNames, out);
            case "attachment" -> attachment(rec.path("attachment"), rec, at, out);
            case "system" -> system(rec, at, out);
            default -> {}
        }
        return out;
    }

    private void user(JsonNode rec, Instant at, boolean prompt, Map<String, String> toolNames, List<TurnEntry> out) {
        JsonNode content = rec.path("message").path("content");
        if (prompt) {
            out.add(new TurnEntry(EntryRole.USER, at, null, promptText(content)));
            return;
        }
        if (content.isTextual()) {
            addContext(out, at, userContextKind(rec, content.textValue()), Text.stripWrappers(content.textValue()));
            return;
        }
        for (JsonNode block : content) {
            String type = block.path("type").asText("");
            if (type.endsWith("tool_result")) {
                String name = toolNames.get(block.path("tool_use_id").asText(""));
                String text = blocksText(block.path("content"));
                if (block.path("is_error").asBoolean(false)) {
                    text = "[error] " + text;
                }
                out.add(new TurnEntry(EntryRole.TOOL_RESULT, at, name, text));
            } else if ("text".equals(type)) {
                String text = block.path("text").asText("");
                addContext(out, at, userContextKind(rec, text), Text.stripWrappers(text));
            }
        }
    }

    private void assistant(JsonNode content, Instant at, Map<String, String> toolNames, List<TurnEntry> out) {
        if (content.isTextual()) {
            addIfText(out, EntryRole.ASSISTANT, at, null, content.textValue());
            return;
        }
        for (JsonNode block : content) {
            String type = block.path("type").asText("");
            if ("text".equals(type)) {
                addIfText(out, EntryRole.ASSISTANT, at, null, block.path("text").asText(""));
            } else if (type.endsWith("tool_use")) {
                String name = block.path("name").asText("tool");
                toolNames.put(block.path("id").asText(""), name);
                JsonNode input = block.path("input");
                out.add(new TurnEntry(
                        EntryRole.TOOL_USE, at, name, input.isMissingNode() ? "{}" : json.compact(input)));
            } else if (type.endsWith("tool_result")) {
                String name = toolNames.get(block.path("tool_use_id").asText(""));
                out.add(new TurnEntry(EntryRole.TOOL_RESULT, at, name, blocksText(block.path("content"))));
            }
        }
    }

    private static void attachment(JsonNode att, JsonNode rec, Instant at, List<TurnEntry> out) {
        String type = att.path("type").asText("");
        if (!type.startsWith("hook_") && !"queued_command".equals(type)) {
            return;
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode r : rec.path("rendered")) {
            appendLine(text, r.path("content").asText(""));
        }
        if (text.length() == 0) {
            JsonNode content = att.has("content") ? att.path("content") : att.path("prompt");
            appendLine(text, content.isArray() || content.isTextual() ? blocksText(content) : "");
        }
        if (text.length() == 0) {
            appendLine(text, att.path("blockingError").path("blockingError").asText(""));
        }
        addContext(out, at, type, Text.stripWrappers(text.toString()));
    }

    private static void system(JsonNode rec, Instant at, List<TurnEntry> out) {
        String subtype = rec.path("subtype").asText("system");
        if ("compact_boundary".equals(subtype)) {
            out.add(new TurnEntry(EntryRole.CONTEXT, at, subtype, "[conversation compacted]"));
            return;
        }
        JsonNode content = rec.path("content");
        if (content.isTextual()) {
            addContext(out, at, subtype, Text.stripWrappers(content.textValue()));
        }
    }

    /** The prompt as the user typed it: slash commands as {@code /name args}, bash mode as {@code ! cmd}. */
    static String promptText(JsonNode content) {
        String text = blocksText(content);
        String command = Text.between(text, "<command-name>", "</command-name>");
        if (command != null) {
            String args = Text.between(text, "<command-args>", "</command-args>");
            String slash = command.startsWith("/") ? command : "/" + command;
            return args == null || args.isBlank() ? slash : slash + " " + args.strip();
        }
        String bash = Text.between(text, "<bash-input>", "</bash-input>");
        return bash != null ? "! " + bash : text;
    }

    /** Text of a string, or of content blocks (text joined by newlines, images as {@code [image]}). */
    static String blocksText(JsonNode content) {
        if (content.isTextual()) {
            return content.textValue();
        }
        StringBuilder sb = new StringBuilder();
        for (JsonNode block : content) {
            if (block.isTextual()) {
                appendLine(sb, block.textValue());
                continue;
            }
            String type = block.path("type").asText("");
            switch (type) {
                case "text" -> appendLine(sb, block.path("text").asText(""));
                case "image" -> appendLine(sb, "[image]");
                case "document" -> appendLine(sb, "[document]");
                default -> {}
            }
        }
        return sb.toString();
    }

    private static String userContextKind(JsonNode rec, String text) {
        if (rec.path("isCompactSummary").asBoolean(false)) {
            return "compact_summary";
        }
        String t = text.stripLeading();
        if (t.startsWith("[Request interrupted by user")) {
            return "interrupted";
        }
        if (t.startsWith("Stop hook feedback:")) {
            return "hook_feedback";
        }
        if (rec.path("isMeta").asBoolean(false)) {
            return "meta";
        }
        if (t.startsWith("<local-command-") || t.startsWith("<bash-std")) {
            return "command_output";
        }
        return "user_context";
    }

    private static void addContext(List<TurnEntry> out, Instant at, String kind, String text) {
        addIfText(out, EntryRole.CONTEXT, at, kind, text);
    }

    private static void addIfText(List<TurnEntry> out, EntryRole role, Instant at, String name, String text) {
        if (!text.isBlank()) {
            out.add(new TurnEntry(role, at, name, text));
        }
    }

    private static void appendLine(StringBuilder sb, String s) {
        if (s.isEmpty()) {
            return;
        }
        if (sb.length() > 0) {
            sb.append('\n');
        }
        sb.append(s);
    }
}
