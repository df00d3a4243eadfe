package dev.claudemesh.transcript;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/** Writes Claude Code-shaped transcript lines for tests (compact JSON, as Claude Code writes them). */
final class TranscriptWriter {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final StringBuilder out = new StringBuilder();
    private Instant clock = Instant.parse("2026-01-01T00:00:00Z");
    private int ids;

    TranscriptWriter prompt(String text) {
        return user(MAPPER.getNodeFactory().textNode(text), null);
    }

    TranscriptWriter promptBlocks(String... texts) {
        ArrayNode blocks = MAPPER.createArrayNode();
        for (String t : texts) {
            blocks.addObject().put("type", "text").put("text", t);
        }
        return user(blocks, null);
    }

    TranscriptWriter assistant(String text) {
        ArrayNode content = MAPPER.createArrayNode();
        content.addObject().put("type", "text").put("text", text);
        return record("assistant", content, null);
    }

    TranscriptWriter thinking(String text) {
        ArrayNode content = MAPPER.createArrayNode();
        content.addObject().put("type", "thinking").put("thinking", text);
        return record("assistant", content, null);
    }

    TranscriptWriter toolUse(String id, String name, String inputJson) {
        ArrayNode content = MAPPER.createArrayNode();
        ObjectNode block =
                content.addObject().put("type", "tool_use").put("id", id).put("name", name);
        try {
            block.set("input", MAPPER.readTree(inputJson));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return record("assistant", content, null);
    }

    TranscriptWriter toolResult(String id, String output) {
        ArrayNode content = MAPPER.createArrayNode();
        content.addObject().put("tool_use_id", id).put("type", "tool_result").put("content", output);
        return user(content, n -> n.put("toolUseResult", output));
    }

    TranscriptWriter meta(String text) {
        return user(MAPPER.getNodeFactory().textNode(text), n -> n.put("isMeta", true));
    }

    TranscriptWriter sidechainPrompt(String text) {
        return user(MAPPER.getNodeFactory().textNode(text), n -> n.put("isSidechain", true));
    }

    TranscriptWriter hookContext(String hookEvent, String text) {
        ObjectNode n = base("attachment");
        n.putObject("attachment")
                .put("type", "hook_additional_context")
                .put("hookEvent", hookEvent)
                .putArray("content")
                .add(text);
        n.putArray("rendered")
                .addObject()
                .put(
                        "content",
                        "<system-reminder>\n" + hookEvent + " hook additional context: " + text
                                + "\n</system-reminder>");
        return line(n);
    }

    TranscriptWriter raw(String line) {
        out.append(line).append('\n');
        return this;
    }

    TranscriptWriter rawNoNewline(String text) {
        out.append(text);
        return this;
    }

    String text() {
        return out.toString();
    }

    Path writeTo(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, out, StandardCharsets.UTF_8);
            out.setLength(0);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path appendTo(Path file) {
        try {
            Files.writeString(file, out, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            out.setLength(0);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private TranscriptWriter user(
            com.fasterxml.jackson.databind.JsonNode content, java.util.function.Consumer<ObjectNode> extra) {
        return record("user", content, extra);
    }

    private TranscriptWriter record(
            String type,
            com.fasterxml.jackson.databind.JsonNode content,
            java.util.function.Consumer<ObjectNode> extra) {
        ObjectNode n = base(type);
        ObjectNode message = n.putObject("message").put("role", type);
        message.set("content", content);
        if (extra != null) {
            extra.accept(n);
        }
        return line(n);
    }

    private ObjectNode base(String type) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("parentUuid", "p-" + ids);
        n.put("isSidechain", false);
        n.put("type", type);
        return n;
    }

    private TranscriptWriter line(ObjectNode n) {
        clock = clock.plusSeconds(1);
        n.put("uuid", "u-" + (++ids));
        n.put("timestamp", clock.toString());
        n.put("sessionId", "s-1");
        n.put("cwd", "/tmp/work");
        try {
            out.append(MAPPER.writeValueAsString(n)).append('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }
}
