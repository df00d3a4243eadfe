package dev.claudemesh.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Writes a Claude Code-shaped transcript ({@code <config>/projects/<cwd with non-alphanumerics as '-'>/<session>.jsonl})
 * for tests outside the transcript package: prompts, assistant text, tool calls and results, one second apart.
 */
public final class TranscriptFixture {
    /** A fake Anthropic key in the real format; redaction must mask it. */
    public static final String FAKE_KEY = "sk-ant-api03-" + "Zx9Qw8Er7Ty6Ui5Op4As3Df2Gh1Jk0LzXcVbNm-_Qq11AbCdEfGh";

    private static final ObjectMapper JSON = new ObjectMapper();
    private final StringBuilder lines = new StringBuilder();
    private final String sessionId;
    private final String cwd;
    private Instant clock = Instant.parse("2026-11-26T10:00:00Z");
    private int uuids;

    public TranscriptFixture(String sessionId, String cwd) {
        this.sessionId = sessionId;
        this.cwd = cwd;
    }

    /** Where Claude Code keeps this session's transcript under {@code claudeConfigDir}. */
    public Path pathUnder(Path claudeConfigDir) {
        return claudeConfigDir
                .resolve("projects")
                .resolve(cwd.replaceAll("[^A-Za-z0-9]", "-"))
                .resolve(sessionId + ".jsonl");
    }

    public TranscriptFixture prompt(String text) {
        return record("user", JSON.getNodeFactory().textNode(text));
    }

    public TranscriptFixture assistant(String text) {
        ArrayNode content = JSON.createArrayNode();
        content.addObject().put("type", "text").put("text", text);
        return record("assistant", content);
    }

    public TranscriptFixture toolUse(String id, String name, String inputJson) {
        ArrayNode content = JSON.createArrayNode();
        ObjectNode block =
                content.addObject().put("type", "tool_use").put("id", id).put("name", name);
        try {
            block.set("input", JSON.readTree(inputJson));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return record("assistant", content);
    }

    public TranscriptFixture toolResult(String id, String output) {
        ArrayNode content = JSON.createArrayNode();
        content.addObject().put("tool_use_id", id).put("type", "tool_result").put("content", output);
        return record("user", content);
    }

    /** A line that is not JSON (a reader must skip it). */
    public TranscriptFixture garbage(String text) {
        lines.append(text).append('\n');
        return this;
    }

    public Path writeUnder(Path claudeConfigDir) {
        return writeTo(pathUnder(claudeConfigDir));
    }

    public Path writeTo(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, lines, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private TranscriptFixture record(String type, JsonNode content) {
        clock = clock.plusSeconds(1);
        ObjectNode n = JSON.createObjectNode();
        n.put("parentUuid", uuids == 0 ? null : "u-" + uuids);
        n.put("isSidechain", false);
        n.put("type", type);
        n.putObject("message").put("role", type).set("content", content);
        n.put("uuid", "u-" + (++uuids));
        n.put("timestamp", clock.toString());
        n.put("sessionId", sessionId);
        n.put("cwd", cwd);
        try {
            lines.append(JSON.writeValueAsString(n)).append('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }
}
