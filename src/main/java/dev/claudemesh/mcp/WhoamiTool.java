package dev.claudemesh.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code whoami}: this session's claudemesh id, folder and inbox counts. */
final class WhoamiTool implements MeshTool {
    @Override
    public String name() {
        return "whoami";
    }

    @Override
    public String description() {
        return "Show who this Claude Code session is on claudemesh: its claudemesh id, folder and working directory,"
                + " and how many tasks and notes wait for it. Other sessions on this machine send to you by this id"
                + " or by your folder name.";
    }

    @Override
    public String inputSchema() {
        return """
                {"type": "object", "properties": {}, "additionalProperties": false}
                """;
    }

    @Override
    public boolean readOnly() {
        return true;
    }

    @Override
    public Map<String, Object> call(ToolArgs args, McpContext ctx) throws Exception {
        SelfIdentity.Self self = ctx.self().require(ctx.client());
        JsonNode s = self.session();
        Map<String, Object> out = new LinkedHashMap<>(McpContext.brief(s));
        out.put("session_id", s.path("session_id").asText());
        out.put("pid", s.path("pid").asLong());
        out.put("pending_tasks", s.path("pending_tasks").asInt());
        out.put("pending_notes", s.path("pending_notes").asInt());
        out.put("supervised", s.path("supervised").asBoolean());
        out.put("found_by", self.foundBy());
        out.put(
                "hint",
                "Other sessions reach you with send_message(to: \"" + self.id() + "\") or by your folder name \""
                        + s.path("folder").asText() + "\".");
        return out;
    }
}
