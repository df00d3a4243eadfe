package dev.claudemesh.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code read_inbox}: the messages waiting for this session; peeks unless asked to drain. */
final class ReadInboxTool implements MeshTool {
    @Override
    public String name() {
        return "read_inbox";
    }

    @Override
    public String description() {
        return "Show the messages other sessions sent to this session that have not reached you yet, oldest first:"
                + " id, sender, kind, body. They are normally handed to you automatically (with your next prompt, or"
                + " when your turn ends). By default this only peeks: they will still be delivered then. drain: true"
                + " takes them now and marks them delivered, so they will not come again - do that only if you act on"
                + " the tasks in this turn. Reply to a message with send_message(to: its sender, in_reply_to: its id).";
    }

    @Override
    public String inputSchema() {
        return """
                {
                  "type": "object",
                  "properties": {
                    "drain": {
                      "type": "boolean", "default": false,
                      "description": "false (default): only look. true: take the messages now and mark them delivered; you become responsible for acting on them."
                    }
                  },
                  "additionalProperties": false
                }
                """;
    }

    @Override
    public boolean readOnly() {
        return false;
    }

    @Override
    public Map<String, Object> call(ToolArgs args, McpContext ctx) throws Exception {
        boolean drain = args.bool("drain", false);
        SelfIdentity.Self self = ctx.self().require(ctx.client());
        JsonNode messages = drain ? ctx.client().drain(self.id()) : ctx.client().messages(self.id());
        Map<String, String> folders = new HashMap<>();
        if (!messages.isEmpty()) {
            for (JsonNode s : ctx.client().sessions()) {
                folders.put(s.path("id").asText(), s.path("folder").asText());
            }
        }
        List<Map<String, Object>> list = new ArrayList<>();
        int tasks = 0;
        for (JsonNode m : messages) {
            Map<String, Object> row = new LinkedHashMap<>();
            String from = m.path("from").asText();
            row.put("id", m.path("id").asText());
            row.put("from", from);
            row.put("from_folder", sender(from, folders));
            row.put("kind", m.path("kind").asText());
            row.put("sent_at", McpContext.iso(m.path("created_at").asLong()));
            if (m.hasNonNull("in_reply_to")) {
                row.put("in_reply_to", m.path("in_reply_to").asText());
            }
            row.put("body", m.path("body").asText());
            list.add(row);
            tasks += "task".equals(m.path("kind").asText()) ? 1 : 0;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("self", self.id());
        out.put("drained", drain);
        out.put("count", list.size());
        out.put("messages", list);
        out.put("hint", hint(list.size(), tasks, drain));
        return out;
    }

    private static String sender(String from, Map<String, String> folders) {
        return switch (from) {
            case "cli" -> "(a person at a terminal)";
            case "tray" -> "(a person in the claudemesh app)";
            default -> folders.getOrDefault(from, "(session ended)");
        };
    }

    private static String hint(int count, int tasks, boolean drain) {
        if (count == 0) {
            return "Your inbox is empty.";
        }
        String act = tasks > 0
                ? "Act on each task (do the work), then report back with send_message(to: its sender, in_reply_to:"
                        + " its id). Notes need no reply."
                : "Notes are information only; no reply is needed.";
        return (drain
                        ? "These messages are now marked delivered and will not be handed to you again. "
                        : "Peeked only: they will also be handed to you with your next prompt or at the end of"
                                + " your turn. ")
                + act;
    }
}
