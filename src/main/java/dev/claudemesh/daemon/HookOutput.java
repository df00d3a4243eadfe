package dev.claudemesh.daemon;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.claudemesh.mesh.HookReply;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Claude Code's hook protocol, written here only: a {@link HookReply} becomes what the hook process prints on
 * stdout ({@code hookSpecificOutput.additionalContext}, a Stop {@code decision: block}, or the status line's text).
 * The hook process prints {@code stdout} as is, so it stays free of any JSON library.
 */
final class HookOutput {
    private final ObjectMapper json;

    HookOutput(ObjectMapper json) {
        this.json = json;
    }

    /** The answer to {@code POST /v1/hooks/{event}}: {@code stdout}, {@code stderr}, {@code exit}, {@code ack_lease}. */
    Map<String, Object> answer(String event, HookReply reply) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("stdout", stdout(event, reply));
        out.put("stderr", "");
        out.put("exit", 0);
        out.put("ack_lease", reply.ackLease());
        return out;
    }

    String stdout(String event, HookReply reply) {
        if (reply.context() != null) {
            Map<String, Object> specific = new LinkedHashMap<>();
            specific.put("hookEventName", event);
            specific.put("additionalContext", reply.context());
            return write(Map.of("hookSpecificOutput", specific));
        }
        if (reply.blockReason() != null) {
            Map<String, Object> block = new LinkedHashMap<>();
            block.put("decision", "block");
            block.put("reason", reply.blockReason());
            return write(block);
        }
        return reply.statusLine() == null ? "" : reply.statusLine();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
