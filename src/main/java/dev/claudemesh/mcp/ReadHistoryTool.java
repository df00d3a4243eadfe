package dev.claudemesh.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code read_history}: the last turns of a session's conversation, redacted by default. */
final class ReadHistoryTool implements MeshTool {
    static final int DEFAULT_TURNS = 5;
    static final int MAX_TURNS = 50;

    @Override
    public String name() {
        return "read_history";
    }

    @Override
    public String description() {
        return "Read the last turns of a Claude Code session's conversation on this machine (another session's, or"
                + " your own). A turn is one user prompt and everything up to the next: assistant text, tool calls"
                + " (tool_use), tool output (tool_result) and added context. By default long tool output and file"
                + " contents are cut and secrets (API keys, tokens, private keys) are masked; redact: false returns"
                + " the raw text. Turns are numbered from 1 (total_turns is the latest); use get_turn to read one"
                + " turn whole and search_history to find something further back.";
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
                    "last_n_turns": {
                      "type": "integer", "minimum": 1, "maximum": 50, "default": 5,
                      "description": "How many of the latest turns to return, oldest first."
                    },
                    "redact": {
                      "type": "boolean", "default": true,
                      "description": "true (default): cut long tool output and mask secrets. false: return the text exactly as recorded."
                    }
                  },
                  "required": ["id"],
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
        int lastN = args.integer("last_n_turns", DEFAULT_TURNS, 1, MAX_TURNS);
        boolean redact = args.bool("redact", true);
        JsonNode h = ctx.client().history(McpContext.requireTarget(id), lastN, redact);
        int total = h.path("total_turns").asInt();
        ArrayNode turns = (ArrayNode) h.path("turns");
        int asked = turns.size();
        ResultBudget.TurnsFit fit = ctx.budget().fitTurns(turns);
        boolean cut = fit.cut();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("session", McpContext.brief(h.path("session")));
        out.put("total_turns", total);
        out.put("redacted", h.path("redacted").asBoolean());
        out.put("turns", turns);
        if (total == 0) {
            out.put("hint", "This session has no turns yet (no prompt so far).");
        } else if (fit.dropped() > 0 || cut) {
            out.put(
                    "hint",
                    "Only the newest " + turns.size() + " of the " + asked + " turns asked for fit in one result"
                            + (cut ? " (and its long entries were cut)" : "")
                            + "; read older turns one at a time with get_turn(id, turn_index) or find them with"
                            + " search_history.");
        } else if (total > turns.size()) {
            out.put("hint", "Earlier turns: raise last_n_turns, use search_history, or get_turn(id, turn_index).");
        }
        return out;
    }
}
