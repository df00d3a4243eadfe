package dev.claudemesh.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudemesh.api.SendRequest;
import dev.claudemesh.message.MessageKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code send_message}: a task or a note to another session, by id or folder name. */
final class SendMessageTool implements MeshTool {
    static final int MAX_BODY_CHARS = 65_536;

    @Override
    public String name() {
        return "send_message";
    }

    @Override
    public String description() {
        return "Send a message to another Claude Code session on this machine (see list_instances)."
                + " kind \"task\" (the default) asks the receiver to do something: it is woken if it can be, must act"
                + " on it - do the work, not just acknowledge it - and is expected to report back to you with its own"
                + " send_message. kind \"note\" is information only: the receiver reads it with its next prompt and"
                + " need not reply. To answer a message you received (it arrives inside a <claudemesh-message"
                + " id=\"m_...\" from=\"<id> (<folder>)\"> envelope), send to the sender's id with in_reply_to set to"
                + " that message id. Returns the message id and whether the receiver can be woken now. You cannot"
                + " send to yourself.";
    }

    @Override
    public String inputSchema() {
        return """
                {
                  "type": "object",
                  "properties": {
                    "to": {
                      "type": "string", "minLength": 1, "maxLength": 255,
                      "description": "The receiving session: its claudemesh id (8 characters a-z0-9, from list_instances) or its folder name (the last part of its working directory, case-insensitive; must match one session only)."
                    },
                    "body": {
                      "type": "string", "minLength": 1, "maxLength": 65536,
                      "description": "The message text (at most 64 KiB). For a task, say what to do and what to report back."
                    },
                    "kind": {
                      "type": "string", "enum": ["task", "note"], "default": "task",
                      "description": "task: wakes the receiver, which acts on it and replies. note: information only, read with its next prompt."
                    },
                    "in_reply_to": {
                      "type": "string", "pattern": "^m_[a-z0-9]{12}$",
                      "description": "When answering a message you received: its id (m_ followed by 12 characters). Threads the reply and bounds loops between agents."
                    }
                  },
                  "required": ["to", "body"],
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
        String to = McpContext.requireTarget(args.requiredString("to", 255));
        String body = args.requiredString("body", MAX_BODY_CHARS);
        String kind = args.choice("kind", List.of("task", "note"), "task");
        String inReplyTo = args.optionalString("in_reply_to", 64).orElse(null);
        if (inReplyTo != null && !inReplyTo.matches("m_[a-z0-9]{12}")) {
            throw new ToolFailure("in_reply_to must be a message id such as m_0123456789ab (from the id=\"...\" of the"
                    + " <claudemesh-message> you are answering), got '" + inReplyTo + "'.");
        }
        SelfIdentity.Self self = ctx.self().require(ctx.client());
        if (to.equals(self.id())) {
            throw new ToolFailure("You cannot send a message to yourself (" + self.id() + "); pick another session"
                    + " from list_instances.");
        }
        JsonNode res = ctx.client().send(new SendRequest(self.id(), to, MessageKind.parse(kind), body, inReplyTo));
        JsonNode receiver = res.path("to");
        String delivery = res.path("delivery").asText();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", res.path("id").asText());
        out.put("to", McpContext.brief(receiver));
        out.put("kind", kind);
        out.put("delivery", delivery);
        out.put("wakeable", res.path("wakeable").asBoolean());
        out.put("status", status(kind, receiver, delivery, res.path("id").asText()));
        return out;
    }

    private static String status(String kind, JsonNode to, String delivery, String id) {
        String who = to.path("id").asText() + " (" + to.path("folder").asText() + ")";
        String what = kind.equals("task") ? "Task" : "Note";
        String when = switch (delivery) {
            case "realtime" -> "it is woken now and gets it at once.";
            case "end-of-turn" -> "it is busy and gets it when its current turn ends.";
            default ->
                kind.equals("task")
                        ? "it cannot be woken now, so it gets it with its next prompt."
                        : "it reads it with its next prompt.";
        };
        String reply = kind.equals("task") ? " Its reply will arrive in your inbox with in_reply_to " + id + "." : "";
        return what + " " + id + " sent to " + who + "; " + when + reply;
    }
}
