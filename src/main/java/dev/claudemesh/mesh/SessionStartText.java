package dev.claudemesh.mesh;

import dev.claudemesh.message.ModelText;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The context a new session's model gets from claudemesh: who it is, its live peers and how to use the
 * mesh. When Claude Code's own messaging is on for the session it also says, briefly, which system is for
 * what, so a task is sent through one of them and never both; when it is off, it says nothing about it.
 */
public final class SessionStartText {
    static final String TOOLS = " Use the claudemesh MCP tools: list_instances, send_message(to, body, kind) — to is an"
            + " id or a folder name; kind 'task' asks the peer to act, 'note' just informs —, read_inbox,"
            + " read_history and search_history (a peer's conversation). Messages from peers arrive as"
            + " <claudemesh-message> blocks: act on tasks, then reply with send_message (in_reply_to: the"
            + " message id); notes need no reply.";

    private SessionStartText() {}

    public static String render(SessionView me, List<SessionView> peers) {
        StringBuilder ctx = new StringBuilder();
        ctx.append("claudemesh: you are session ")
                .append(me.id())
                .append(" (folder ")
                .append(ModelText.attribute(me.folder()))
                .append(me.builtinName() == null ? "" : ", built-in name " + ModelText.attribute(me.builtinName()))
                .append(") on a local mesh of Claude Code sessions. ");
        if (peers.isEmpty()) {
            ctx.append("No other sessions are live right now.");
        } else {
            ctx.append("Live peers: ")
                    .append(peers.stream()
                            .map(p -> p.id() + " (" + ModelText.attribute(p.folder())
                                    + (me.builtinMessaging() && p.builtinName() != null
                                            ? ", built-in " + ModelText.attribute(p.builtinName())
                                            : "")
                                    + ")")
                            .collect(Collectors.joining(", ")))
                    .append('.');
        }
        ctx.append(TOOLS);
        if (me.builtinMessaging()) {
            ctx.append(' ').append(BuiltinGuidance.BOTH);
        }
        return ctx.toString();
    }
}
