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
        mesh.catchUpQuietPrompts(); // a prompt that skipped the daemon came before this event
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
        SessionRegistry.Registered r = mesh.register(registration(in));
        SessionView me = noteBuiltin(in, mesh.view(r.session()));
        List<SessionView> peers =
                mesh.sessions().stream().filter(s -> !s.id().equals(me.id())).toList();
        return HookReply.context(SessionStartText.render(me, peers), null);
    }

    private HookReply userPromptSubmit(HookInput in) throws SQLException {
        Optional<SessionView> me = heal(in);
        if (me.isEmpty()) {
            return HookReply.NOTHING;
        }
        String id = me.get().id();
        mesh.markIdle(id, false);
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
        Optional<SessionView> me = heal(in);
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
        mesh.markIdle(id, true);
        return HookReply.NOTHING;
    }

    /**
     * An unknown session is registered only on {@code /clear} (its process goes on and its SessionStart may be lost
     * too); a session that ends anyway has nothing to heal.
     */
    private HookReply sessionEnd(HookInput in) throws SQLException {
        if ("clear".equals(in.reason())) {
            heal(in);
            return HookReply.NOTHING;
        }
        Optional<SessionView> me = find(in);
        if (me.isPresent()) {
            mesh.end(me.get().id(), in.reason());
        }
        return HookReply.NOTHING;
    }

    private HookReply statusLine(HookInput in) throws SQLException {
        Optional<SessionView> me = heal(in);
        if (me.isEmpty()) {
            return HookReply.NOTHING;
        }
        long peers = mesh.liveSessions().size() - 1; // a count: no views to build
        StringBuilder b = new StringBuilder("[").append(me.get().id());
        if (me.get().builtinName() != null) {
            b.append(" (").append(me.get().builtinName()).append(')');
        }
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
        mesh.markIdle(id, false); // a turn is about to start; the next Stop marks it idle again
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

    /**
     * The session {@code in} comes from, registered now when the daemon does not know it (its SessionStart was lost
     * or ran while no daemon was up): {@link Mesh#ensureRegistered}, SessionStart's identity rules. Empty only when
     * it cannot be registered (claude's pid is gone, no usable cwd): the hook then does nothing, as before.
     */
    private Optional<SessionView> heal(HookInput in) throws SQLException {
        Optional<SessionView> found = find(in);
        if (found.isPresent()) {
            return found;
        }
        try {
            SessionView s = mesh.view(
                    mesh.ensureRegistered(registration(in), candidatePids(in)).session());
            return Optional.of(noteBuiltin(in, s));
        } catch (InvalidInputException | NotFoundException e) {
            return Optional.empty();
        }
    }

    /** What SessionStart would register for {@code in}: claude's pid ({@link #claudePid}), the session id, cwd. */
    static Registration registration(HookInput in) {
        return new Registration(
                in.sessionId(), claudePid(in), in.cwd() == null ? "/" : in.cwd(), in.transcriptPath(), in.source());
    }

    private Optional<SessionView> find(HookInput in) {
        Optional<SessionView> found = lookup(in);
        if (found.isEmpty() || in.builtin() == null) {
            return found;
        }
        try {
            return Optional.of(noteBuiltin(in, found.get()));
        } catch (SQLException | NotFoundException e) {
            return found; // the next hook reports it again
        }
    }

    private SessionView noteBuiltin(HookInput in, SessionView s) throws SQLException {
        if (in.builtin() == null
                || (in.builtin().on() == s.builtinMessaging()
                        && java.util.Objects.equals(in.builtin().name(), s.builtinName()))) {
            return s;
        }
        return mesh.setBuiltin(s.id(), in.builtin());
    }

    private Optional<SessionView> lookup(HookInput in) {
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

    static List<Long> candidatePids(HookInput in) {
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
