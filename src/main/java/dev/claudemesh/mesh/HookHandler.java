package dev.claudemesh.mesh;

import dev.claudemesh.message.Lease;
import dev.claudemesh.message.LeaseHolder;
import dev.claudemesh.message.Message;
import dev.claudemesh.message.MessageKind;
import dev.claudemesh.message.MessageRenderer;
import dev.claudemesh.message.MessageRenderer.Purpose;
import dev.claudemesh.session.AttachmentKind;
import dev.claudemesh.session.InvalidInputException;
import dev.claudemesh.session.NotFoundException;
import dev.claudemesh.session.ProcessInfo;
import dev.claudemesh.session.Registration;
import dev.claudemesh.session.Session;
import dev.claudemesh.session.SessionRegistry;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What each Claude Code hook does, decided in the daemon so the hook process stays a thin forwarder:
 * SessionStart registers and gives context, UserPromptSubmit delivers everything waiting, Stop hands
 * over tasks or marks the session idle, SessionEnd ends it (except on {@code /clear}).
 */
public final class HookHandler {
    /** A waiter's lease lasts as long as the woken turn may run; Stop or the next prompt acks it. */
    public static final long WAITER_LEASE_MILLIS = 15 * 60_000;

    private static final Pattern MESSAGE_ID = Pattern.compile("\\bm_[a-z0-9]{12}\\b");
    private static final Set<MessageKind> ALL = EnumSet.allOf(MessageKind.class);

    private final Mesh mesh;
    private final MessageRenderer renderer;

    public HookHandler(Mesh mesh) {
        this.mesh = mesh;
        this.renderer = new MessageRenderer(id -> {
            try {
                return mesh.session(id).folder();
            } catch (NotFoundException e) {
                return null;
            }
        });
    }

    public MessageRenderer renderer() {
        return renderer;
    }

    public HookReply handle(HookInput in) throws SQLException {
        return switch (in.event()) {
            case "SessionStart" -> sessionStart(in);
            case "UserPromptSubmit" -> userPromptSubmit(in);
            case "Stop" -> stop(in);
            case "SessionEnd" -> sessionEnd(in);
            case "StatusLine" -> statusLine(in);
            default -> HookReply.NOTHING;
        };
    }

    private HookReply sessionStart(HookInput in) throws SQLException {
        long pid = claudePid(in);
        String cwd = in.cwd() == null ? "/" : in.cwd();
        SessionRegistry.Registered r =
                mesh.register(new Registration(in.sessionId(), pid, cwd, in.transcriptPath(), in.source()));
        Session me = r.session();
        List<SessionView> peers =
                mesh.sessions().stream().filter(s -> !s.id().equals(me.id())).toList();
        StringBuilder ctx = new StringBuilder();
        ctx.append("claudemesh: you are session ")
                .append(me.id())
                .append(" (folder ")
                .append(me.folder())
                .append(") on a local mesh of Claude Code sessions. ");
        if (peers.isEmpty()) {
            ctx.append("No other sessions are live right now.");
        } else {
            ctx.append("Live peers: ")
                    .append(peers.stream()
                            .map(p -> p.id() + " (" + p.folder() + ")")
                            .collect(Collectors.joining(", ")))
                    .append('.');
        }
        ctx.append(" Use the claudemesh MCP tools: list_instances, send_message(to, body, kind) — to is an id or a"
                + " folder name; kind 'task' asks the peer to act, 'note' just informs —, read_inbox,"
                + " read_history and search_history (a peer's conversation). Messages from peers arrive as"
                + " <claudemesh-message> blocks: act on tasks, then reply with send_message (in_reply_to: the"
                + " message id); notes need no reply.");
        return HookReply.context(ctx.toString(), null);
    }

    private HookReply userPromptSubmit(HookInput in) throws SQLException {
        Optional<SessionView> me = find(in);
        if (me.isEmpty()) {
            return HookReply.NOTHING;
        }
        String id = me.get().id();
        mesh.setIdle(id, false);
        mesh.ackHeldBy(id, LeaseHolder.WAITER);
        if (in.prompt() != null) {
            Set<String> ids = new LinkedHashSet<>();
            Matcher m = MESSAGE_ID.matcher(in.prompt());
            while (m.find()) {
                ids.add(m.group());
            }
            if (!ids.isEmpty()) {
                mesh.ackIds(id, ids, LeaseHolder.SUPERVISOR);
            }
        }
        Lease l = mesh.lease(id, ALL, LeaseHolder.HOOK_PROMPT, 0, 50);
        if (l.isEmpty()) {
            return HookReply.NOTHING;
        }
        return HookReply.context(renderer.render(l.messages(), Purpose.PROMPT_CONTEXT), l.id());
    }

    private HookReply stop(HookInput in) throws SQLException {
        Optional<SessionView> me = find(in);
        if (me.isEmpty()) {
            return HookReply.NOTHING;
        }
        String id = me.get().id();
        mesh.ackHeldBy(id, LeaseHolder.WAITER);
        List<Message> tasks = mesh.peek(id, EnumSet.of(MessageKind.TASK), 1);
        if (!tasks.isEmpty()) {
            Lease l = mesh.lease(id, ALL, LeaseHolder.HOOK_STOP, 0, 50);
            if (!l.isEmpty()) {
                return HookReply.block(renderer.render(l.messages(), Purpose.STOP_BLOCK), l.id());
            }
        }
        mesh.setIdle(id, true);
        return HookReply.NOTHING;
    }

    private HookReply sessionEnd(HookInput in) throws SQLException {
        Optional<SessionView> me = find(in);
        if (me.isPresent()) {
            mesh.end(me.get().id(), in.reason());
        }
        return HookReply.NOTHING;
    }

    private HookReply statusLine(HookInput in) {
        Optional<SessionView> me = find(in);
        if (me.isEmpty()) {
            return HookReply.NOTHING;
        }
        long peers = mesh.sessions().size() - 1;
        StringBuilder b = new StringBuilder("[").append(me.get().id());
        if (peers > 0) {
            b.append(" · ").append(peers).append(peers == 1 ? " peer" : " peers");
        }
        if (me.get().pending() > 0) {
            b.append(" · ✉").append(me.get().pending());
        }
        return HookReply.statusLine(b.append(']').toString());
    }

    /** The background waiter's turn: deliver tasks to an idle, unsupervised session it still owns. */
    public WaiterClaim claim(String id, long waiterPid) throws SQLException {
        SessionView s;
        try {
            s = mesh.session(id);
        } catch (NotFoundException gone) {
            return new WaiterClaim(WaiterClaim.State.EXIT, null);
        }
        List<SessionRegistry.Attachment> att = mesh.attachments(id);
        boolean mine = att.stream().anyMatch(a -> a.kind() == AttachmentKind.WAITER && a.pid() == waiterPid);
        if (!mine) {
            return new WaiterClaim(WaiterClaim.State.EXIT, null); // a newer waiter took over
        }
        boolean supervisor = att.stream().anyMatch(a -> a.kind() == AttachmentKind.SUPERVISOR);
        if (supervisor || !s.idle() || s.pendingTasks() == 0) {
            return new WaiterClaim(WaiterClaim.State.WAIT, null);
        }
        Lease l = mesh.lease(id, ALL, LeaseHolder.WAITER, WAITER_LEASE_MILLIS, 50);
        if (l.isEmpty() || l.messages().stream().noneMatch(Message::isTask)) {
            if (!l.isEmpty()) {
                mesh.release(l.id());
            }
            return new WaiterClaim(WaiterClaim.State.WAIT, null);
        }
        mesh.setIdle(id, false); // a turn is about to start; the next Stop marks it idle again
        return new WaiterClaim(WaiterClaim.State.DELIVER, renderer.render(l.messages(), Purpose.REWAKE));
    }

    /** The waiter's verdict: deliver (with text), wait, or exit. */
    public record WaiterClaim(State state, String text) {
        /** On the wire as {@code deliver}, {@code wait} or {@code exit}. */
        public enum State {
            DELIVER,
            WAIT,
            EXIT;

            @Override
            public String toString() {
                return name().toLowerCase(java.util.Locale.ROOT);
            }
        }
    }

    private Optional<SessionView> find(HookInput in) {
        try {
            return Optional.of(mesh.findBySessionId(in.sessionId()));
        } catch (NotFoundException e) {
            // After /clear the MCP server and hooks may still carry an old id; fall back to the process.
            for (Long pid : candidatePids(in)) {
                try {
                    return Optional.of(mesh.findByPid(pid));
                } catch (NotFoundException ignored) {
                    // next
                }
            }
            return Optional.empty();
        }
    }

    private static List<Long> candidatePids(HookInput in) {
        List<Long> out = new ArrayList<>();
        if (in.claudePid() != null) {
            out.add(in.claudePid());
        }
        out.addAll(in.ancestors());
        return out;
    }

    /** CLAUDE_PID if claude set it; else the nearest ancestor named claude; else the shell's parent. */
    static long claudePid(HookInput in) {
        if (in.claudePid() != null) {
            return in.claudePid();
        }
        for (long a : in.ancestors()) {
            String name = ProcessInfo.name(a);
            if (name.equals("claude") || name.startsWith("claude")) {
                return a;
            }
        }
        List<Long> a = in.ancestors();
        if (a.size() >= 2) {
            return a.get(1); // hook ← /bin/sh -c ← claude
        }
        if (a.size() == 1) {
            return a.get(0);
        }
        throw new InvalidInputException("cannot tell which process is claude: no CLAUDE_PID and no ancestors given");
    }
}
