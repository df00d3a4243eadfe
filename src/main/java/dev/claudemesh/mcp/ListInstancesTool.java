package dev.claudemesh.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code list_instances}: the live sessions on this machine, this one marked. */
final class ListInstancesTool implements MeshTool {
    @Override
    public String name() {
        return "list_instances";
    }

    @Override
    public String description() {
        return "List the Claude Code sessions running on this machine that claudemesh connects, this one marked"
                + " \"self\": true. For each: id, folder (last part of its working directory), working directory,"
                + " whether it is busy or idle, whether it can be woken at once (supervised), its undelivered tasks"
                + " and notes, and when it was last active. Use an id, or a folder name that only one session has,"
                + " as `to` in send_message or as `id` in read_history, search_history and get_turn.";
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
        Optional<SelfIdentity.Self> self = ctx.self().find(ctx.client());
        String me = self.map(SelfIdentity.Self::id).orElse(null);
        List<Map<String, Object>> sessions = new ArrayList<>();
        for (JsonNode s : ctx.client().sessions()) {
            Map<String, Object> row = new LinkedHashMap<>(McpContext.brief(s));
            if (s.path("id").asText().equals(me)) {
                row.put("self", true);
            }
            row.put("state", s.path("idle").asBoolean() ? "idle" : "busy");
            row.put("supervised", s.path("supervised").asBoolean());
            row.put("pending_tasks", s.path("pending_tasks").asInt());
            row.put("pending_notes", s.path("pending_notes").asInt());
            row.put("last_active", McpContext.iso(s.path("last_active").asLong()));
            sessions.add(row);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("self", me);
        out.put("count", sessions.size());
        out.put("sessions", sessions);
        out.put(
                "hint",
                sessions.size() <= 1
                        ? "No other claude session is running on this machine right now."
                        : "send_message(to: <id or folder>, body: ...) hands one of them a task or a note.");
        return out;
    }
}
