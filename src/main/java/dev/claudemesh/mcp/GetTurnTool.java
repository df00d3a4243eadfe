package dev.claudemesh.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code get_turn}: one turn of a session's conversation, whole. */
final class GetTurnTool implements MeshTool {
    @Override
    public String name() {
        return "get_turn";
    }

    @Override
    public String description() {
        return "Read one turn of a Claude Code session's conversation on this machine whole - nothing cut unless it"
                + " is too long for one result, secrets still masked: the user prompt and everything up to the next prompt (assistant text, tool calls,"
                + " tool output). turn_index comes from read_history or search_history (turns are numbered from 1).";
    }

    @Override
    public String inputSchema() {
        return """
                {
                  "type": "object",
                  "properties": {
                    "id": {
                      "type": "string", "minLength": 1, "maxLength": 255,
                      "description": "The session: its claudemesh id (from list_instances) or its folder name (case-insensitive; must match one session only)."
                    },
                    "turn_index": {
                      "type": "integer", "minimum": 1,
                      "description": "The turn number (1 is the first turn) from read_history or search_history."
                    }
                  },
                  "required": ["id", "turn_index"],
                  "additionalProperties": false
                }
                """;
    }

    @Override
    public boolean readOnly() {
        return true;
    }

    @Override
    public Map<String, Object> call(ToolArgs args, McpContext ctx) throws Exception {
        String id = args.requiredString("id", 255);
        int turn = args.requiredInteger("turn_index", 1, Integer.MAX_VALUE);
        JsonNode t = ctx.client().turn(McpContext.requireTarget(id), turn);
        ObjectNode whole = (ObjectNode) t.path("turn");
        boolean cut = ctx.budget().fitTurn(whole);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("session", McpContext.brief(t.path("session")));
        out.put("turn", whole);
        if (cut) {
            out.put(
                    "hint",
                    "This turn is longer than one tool result can carry, so its longest entries were cut to a"
                            + " common length (each keeps its beginning); search_history finds text inside it.");
        }
        return out;
    }
}
