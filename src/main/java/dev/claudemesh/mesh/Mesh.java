package dev.claudemesh.mesh;

import dev.claudemesh.message.EventHub;
import dev.claudemesh.message.Lease;
import dev.claudemesh.message.LeaseHolder;
import dev.claudemesh.message.Message;
import dev.claudemesh.message.MessageKind;
import dev.claudemesh.message.MessageStore;
import dev.claudemesh.message.Sender;
import dev.claudemesh.session.AttachmentKind;
import dev.claudemesh.session.BuiltinMessaging;
import dev.claudemesh.session.Ids;
import dev.claudemesh.session.InvalidInputException;
import dev.claudemesh.session.NotFoundException;
import dev.claudemesh.session.ProcessProbe;
import dev.claudemesh.session.Reason;
import dev.claudemesh.session.Registration;
import dev.claudemesh.session.Session;
import dev.claudemesh.session.SessionRegistry;
import dev.claudemesh.session.SessionStore;
import dev.claudemesh.session.TargetResolver;
import dev.claudemesh.store.Database;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The daemon's core, free of any framework: registry, message store, delivery leases, events, limits.
 * HTTP routes, tests and benchmarks drive it through this one class.
 */
public final class Mesh {
    private final SessionRegistry registry;
    private final SessionStore store;
    private final MessageStore messages;
    /** How much earlier than the waiter's own clock reading a Stop hook's lease may be logged (same machine). */
    static final long LOST_STOP_SLACK_MILLIS = 2_000;

    private final EventHub events;
    private final MeshFeed feed;
    private final MeshLimits limits;
    private final LongSupplier clock;
    private final Map<String, Deque<Long>> pairWindows = new HashMap<>();
    private final QuietPromptLedger quiet;

    public Mesh(Database db, ProcessProbe probe, MeshLimits limits, LongSupplier clock) throws SQLException {
        this.store = new SessionStore(db);
        this.registry = new SessionRegistry(store, probe);
        this.messages = new MessageStore(db);
        this.limits = limits;
        this.clock = clock;
        this.events = new EventHub(clock.getAsLong());
        this.feed = new MeshFeed(clock.getAsLong());
        this.quiet = new QuietPromptLedger(registry, messages, (id, at) -> markIdle(id, false, at));
    }

    /**
     * Where prompt hooks learn that they may skip the daemon, and where the prompts that did are read
     * ({@link QuietPrompts}); until this is called every prompt hook asks the daemon.
     */
    public void useQuietPrompts(QuietPrompts files) {
        quiet.use(files);
    }

    /**
     * Applies the prompts that skipped the daemon since the last call: their sessions went busy then. Called before
     * anything that reads or changes whether a session is idle (every hook event, a send, a waiter's attach, every
     * read of a session's view), and by the daemon as soon as such a prompt is written; cheap when there is none.
     */
    public void catchUpQuietPrompts() throws SQLException {
        quiet.catchUp();
    }

    /** Reconciles every session's quiet prompt marker with its state (the daemon's housekeeping). */
    public void reconcileQuietPrompts() {
        quiet.reconcileAll();
    }

    public MeshLimits limits() {
        return limits;
    }

    public EventHub events() {
        return events;
    }

    /** The mesh-wide event stream (every session and message change), for clients that follow everything. */
    public MeshFeed feed() {
        return feed;
    }

    public SessionRegistry.Registered register(Registration r) throws SQLException {
        SessionRegistry.Registered reg = registry.register(r, clock.getAsLong());
        quiet.reconcileAll(); // a re-keyed session may have a new pid, and its old one may be another session's now
        events.publish(reg.session().id(), "registered", null, null, clock.getAsLong());
        feed.session("registered", reg.session().id(), null, clock.getAsLong());
        return reg;
    }

    /**
     * Registration that heals: the live session a hook, the status line or the MCP server speaks for (by Claude's
     * session id, else by one of {@code pids}, claude's pid first), or, when the daemon does not know it (its
     * SessionStart was lost, or ran while no daemon was up), {@code r} registered now under SessionStart's identity
     * rules. Identity {@code known} when it was live already. A found session is not re-keyed: the MCP server keeps
     * an old session id after {@code /clear}, and only SessionStart says which id is current.
     */
    public SessionRegistry.Registered ensureRegistered(Registration r, List<Long> pids) throws SQLException {
        java.util.Optional<Session> live = registry.findBySessionId(r.sessionId());
        for (int i = 0; live.isEmpty() && i < pids.size(); i++) {
            live = registry.findByPid(pids.get(i));
        }
        if (live.isPresent()) {
            return new SessionRegistry.Registered(live.get(), "known");
        }
        return register(r);
    }

    /** What the session's hooks saw of Claude Code's own messaging (they report it on every event). */
    public SessionView setBuiltin(String id, BuiltinMessaging builtin) throws SQLException {
        requireLive(id);
        BuiltinMessaging before = registry.get(id).map(Session::builtin).orElse(null);
        Session after = registry.setBuiltin(id, builtin);
        if (!after.builtin().equals(before)) {
            feed.session("changed", id, null, clock.getAsLong());
        }
        return view(after);
    }

    /**
     * The prompts that skipped the daemon applied before a session is read, so that a client asking right after a
     * prompt (a list, the tray, list_instances) sees the session busy without waiting for the daemon's file watch.
     */
    private void applyQuietPromptsBeforeRead() {
        try {
            quiet.catchUp();
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "could not apply the prompts that skipped the daemon: " + e.getMessage(), e);
        }
    }

    public List<SessionView> sessions() {
        applyQuietPromptsBeforeRead();
        return registry.list().stream().map(this::view).toList();
    }

    /** The live sessions as the registry holds them (with their pinned process start times). */
    public List<Session> liveSessions() {
        return registry.list();
    }

    public SessionView session(String id) {
        Ids.requireClaudeId(id);
        applyQuietPromptsBeforeRead();
        return view(registry.get(id).orElseThrow(() -> new NotFoundException("no live session with id " + id)));
    }

    public SessionView findByPid(long pid) {
        Ids.requirePid(pid);
        applyQuietPromptsBeforeRead();
        return view(registry.findByPid(pid).orElseThrow(() -> new NotFoundException("no live session for pid " + pid)));
    }

    public SessionView findBySessionId(String sessionId) {
        Ids.requireSessionId(sessionId);
        applyQuietPromptsBeforeRead();
        return view(registry.findBySessionId(sessionId)
                .orElseThrow(() -> new NotFoundException("no live session with Claude Code session id " + sessionId)));
    }

    /** The claudemesh id a Claude Code session id had (live or ended), if claudemesh ever saw it. */
    public java.util.Optional<String> claudeIdOf(String sessionId) throws SQLException {
        return Ids.isSessionId(sessionId) ? store.claudeIdFor(sessionId) : java.util.Optional.empty();
    }

    /** The Claude Code session id a claudemesh id (live or ended) was last seen with. */
    public java.util.Optional<String> sessionIdOf(String claudeId) throws SQLException {
        return Ids.isClaudeId(claudeId) ? store.latestSessionIdFor(claudeId) : java.util.Optional.empty();
    }

    public SessionView resolve(String target) {
        applyQuietPromptsBeforeRead();
        return view(TargetResolver.resolve(target, registry.list()));
    }

    public SessionView setIdle(String id, boolean idle) throws SQLException {
        markIdle(id, idle);
        return session(id);
    }

    /** {@link #setIdle} for the hooks, which need no view of the session (building one costs a count query). */
    public void markIdle(String id, boolean idle) throws SQLException {
        markIdle(id, idle, clock.getAsLong());
    }

    private void markIdle(String id, boolean idle, long at) throws SQLException {
        Ids.requireClaudeId(id);
        registry.setIdle(id, idle, at);
        events.publish(id, idle ? "idle" : "busy", null, null, clock.getAsLong());
        feed.session(idle ? "idle" : "busy", id, null, clock.getAsLong());
    }

    /** SessionEnd: reason {@code clear} keeps the identity (a SessionStart follows); anything else ends it. */
    public boolean end(String id, String reason) throws SQLException {
        Ids.requireClaudeId(id);
        if ("clear".equals(reason)) {
            return false;
        }
        boolean removed = registry.remove(id);
        quiet.reconcile(id);
        if (removed) {
            events.close(id, clock.getAsLong());
            feed.session("ended", id, null, clock.getAsLong());
        }
        return removed;
    }

    /** A background waiter's session and the event cursor it waits after. */
    public record WaiterAttachment(SessionView session, long seq) {}

    /**
     * Attaches the background waiter {@code waiterPid} to the session of a Stop hook's input: by Claude's session
     * id, else by claude's pid, registering it when the daemon does not know it ({@link #ensureRegistered}: the
     * waiter starts together with the Stop hook, and after a daemon restart it is the first to ask). The cursor is
     * read before attaching, so nothing published meanwhile is missed.
     */
    public WaiterAttachment attachWaiter(HookInput in, long waiterPid) throws SQLException {
        return attachWaiter(in, waiterPid, java.util.OptionalLong.empty());
    }

    /**
     * {@link #attachWaiter(HookInput, long)} for a waiter that lost the daemon after its Stop ({@code lostStopAt}:
     * when that Stop happened, epoch ms). Claude runs the Stop hook and the waiter together, so the Stop hook most
     * likely found no daemon either and the session is still marked busy, which would keep every task from it until
     * the user's next prompt. It is marked idle when nothing has happened since that Stop: no prompt (its last
     * change is older) and no Stop answered with tasks ({@link MessageStore#leasedBy}). A waiter that never lost the
     * daemon changes nothing: its Stop hook reached the same daemon.
     */
    public WaiterAttachment attachWaiter(HookInput in, long waiterPid, java.util.OptionalLong lostStopAt)
            throws SQLException {
        catchUpQuietPrompts();
        SessionRegistry.Registered r = ensureRegistered(HookHandler.registration(in), HookHandler.candidatePids(in));
        if (lostStopAt.isPresent()) {
            healLostStop(r, lostStopAt.getAsLong());
        }
        SessionView s = view(registry.get(r.session().id()).orElse(r.session()));
        long seq = events().seq(s.id());
        attach(s.id(), AttachmentKind.WAITER, waiterPid);
        return new WaiterAttachment(s, seq);
    }

    private void healLostStop(SessionRegistry.Registered r, long stopAt) throws SQLException {
        Session s = r.session();
        if (s.idle()) {
            return;
        }
        boolean registeredNow = !r.identity().equals("known"); // by this very Stop's input
        boolean quietSince = s.lastActive() < stopAt
                && !messages.leasedBy(s.id(), LeaseHolder.HOOK_STOP, stopAt - LOST_STOP_SLACK_MILLIS);
        if (registeredNow || quietSince) {
            setIdle(s.id(), true);
        }
    }

    public void attach(String id, AttachmentKind kind, long pid) {
        Ids.requireClaudeId(id);
        Ids.requirePid(pid);
        if (kind == AttachmentKind.WAITER) {
            registry.detachKind(id, AttachmentKind.WAITER); // the newest waiter supersedes older ones
        }
        registry.attach(id, kind, pid, clock.getAsLong());
        events.publish(id, "attached", null, kind.wire(), clock.getAsLong());
        feed.session("attached", id, kind.wire(), clock.getAsLong());
    }

    public boolean detach(String id, long pid) {
        Ids.requireClaudeId(id);
        Ids.requirePid(pid);
        String kind = attachmentKind(id, pid);
        boolean was = registry.detach(id, pid);
        if (was) {
            events.publish(id, "detached", null, null, clock.getAsLong());
            feed.session("detached", id, kind, clock.getAsLong());
        }
        return was;
    }

    public List<SessionRegistry.Attachment> attachments(String id) {
        return registry.attachments(id);
    }

    public SendResult send(String from, String target, String kindName, String body, String inReplyTo)
            throws SQLException {
        String sender = Sender.require(from);
        MessageKind kind = MessageKind.parse(kindName);
        if (body == null || body.isBlank()) {
            throw new InvalidInputException("message body is empty");
        }
        int bytes = body.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > limits.maxBodyBytes()) {
            throw new RefusedException(
                    Reason.TOO_LARGE,
                    "message body is " + bytes + " bytes; the limit is " + limits.maxBodyBytes() + " bytes");
        }
        if (body.indexOf('\0') >= 0) {
            throw new InvalidInputException("message body must not contain NUL characters");
        }
        catchUpQuietPrompts(); // whether the receiver is idle decides its delivery path
        Session to = TargetResolver.resolve(target, registry.list());
        if (to.id().equals(sender)) {
            throw new RefusedException(Reason.SELF_SEND, "a session cannot send a message to itself (" + sender + ")");
        }
        if (Sender.isSession(sender) && registry.get(sender).isEmpty()) {
            throw new NotFoundException("sender " + sender + " is not a live session");
        }
        int hops = 0;
        if (inReplyTo != null) {
            if (!Ids.isMessageId(inReplyTo)) {
                throw new InvalidInputException("in_reply_to must be a message id such as m_0123456789ab");
            }
            Message parent = messages.get(inReplyTo)
                    .orElseThrow(() -> new InvalidInputException("in_reply_to names no known message: " + inReplyTo));
            hops = parent.hops() + 1;
            if (hops > limits.maxHops()) {
                throw new RefusedException(
                        Reason.HOP_LIMIT,
                        "reply chain is " + hops + " hops long, over the limit of " + limits.maxHops()
                                + "; the agents may be looping — send without in_reply_to to start anew");
            }
        }
        long now = clock.getAsLong();
        checkPairRate(sender, to.id(), now); // people too: a session claiming to be "cli" gets no way around it
        Message m = messages.send(sender, to.id(), kind, body, inReplyTo, hops, now);
        quiet.reconcile(to.id()); // before anyone hears of it: the receiver's next prompt must ask the daemon
        events.publish(to.id(), "message", m.id(), kind.wire(), now);
        feed.message("sent", to.id(), m.id(), kind.wire(), sender, null, now);
        SessionView v = view(to);
        return new SendResult(m, v, deliveryFor(v, kind));
    }

    public List<Message> peek(String id, Set<MessageKind> kinds, int limit) throws SQLException {
        requireLive(id);
        return messages.peek(id, kinds, limit);
    }

    public Lease lease(String id, Set<MessageKind> kinds, LeaseHolder holder, long ttlMillis, int max)
            throws SQLException {
        requireLive(id);
        long ttl = ttlMillis > 0 ? ttlMillis : limits.leaseTtlMillis();
        int maxAttempts = holder.wakes() ? limits.maxAttempts() : Integer.MAX_VALUE;
        Lease l = messages.lease(id, kinds, holder, ttl, max, maxAttempts, clock.getAsLong());
        publishMessages("leased", l.messages(), m -> holder.wire());
        return l;
    }

    public List<Message> ackLease(String leaseId) throws SQLException {
        if (!Ids.isLeaseId(leaseId)) {
            throw new InvalidInputException("'" + Ids.printable(leaseId) + "' is not a lease id");
        }
        List<Message> acked = messages.ackLease(leaseId, clock.getAsLong());
        publishAcks(acked);
        return acked;
    }

    public List<Message> ackIds(String id, Collection<String> ids, LeaseHolder via) throws SQLException {
        Ids.requireClaudeId(id);
        for (String m : ids) {
            if (!Ids.isMessageId(m)) {
                throw new InvalidInputException("'" + Ids.printable(m) + "' is not a message id");
            }
        }
        List<Message> acked = messages.ackIds(id, ids, via, clock.getAsLong());
        publishAcks(acked);
        return acked;
    }

    public List<Message> ackHeldBy(String id, LeaseHolder holder) throws SQLException {
        List<Message> acked = messages.ackHeldBy(id, holder, clock.getAsLong());
        publishAcks(acked);
        return acked;
    }

    public int release(String leaseId) throws SQLException {
        if (!Ids.isLeaseId(leaseId)) {
            throw new InvalidInputException("'" + Ids.printable(leaseId) + "' is not a lease id");
        }
        List<Message> held = messages.heldBy(leaseId);
        int n = messages.release(leaseId, clock.getAsLong());
        publishMessages("released", held, m -> null);
        return n;
    }

    /** Lease and ack in one step: the caller takes responsibility for what it reads. */
    public List<Message> drain(String id, Set<MessageKind> kinds, LeaseHolder holder) throws SQLException {
        Lease l = lease(id, kinds, holder, limits.leaseTtlMillis(), Integer.MAX_VALUE);
        return l.isEmpty() ? List.of() : ackLease(l.id());
    }

    public Message message(String messageId) throws SQLException {
        if (!Ids.isMessageId(messageId)) {
            throw new InvalidInputException("'" + Ids.printable(messageId) + "' is not a message id");
        }
        return messages.get(messageId).orElseThrow(() -> new NotFoundException("no message " + messageId));
    }

    /** A session's most recent messages in every state, newest first; the session need not be live. */
    public List<Message> inbox(String id, int limit) throws SQLException {
        Ids.requireClaudeId(id);
        return messages.recent(id, limit);
    }

    public List<String> messageHistory(String messageId) throws SQLException {
        return messages.history(message(messageId).id());
    }

    /** Returns expired leases to pending and tells the receivers' waiters. */
    public void expireLeases() throws SQLException {
        long now = clock.getAsLong();
        List<Message> expiring = messages.expiredLeases(now);
        for (String to : messages.expireLeases(now)) {
            events.publish(to, "lease-expired", null, null, now);
        }
        publishMessages("expired", expiring, m -> null);
    }

    public java.util.Optional<Long> nextLeaseExpiry() throws SQLException {
        return messages.nextLeaseExpiry();
    }

    /** The liveness sweep: drops sessions whose process is gone and attachments whose process died. */
    public void sweep() throws SQLException {
        long now = clock.getAsLong();
        for (String id : registry.sweep()) {
            quiet.reconcile(id);
            if (registry.get(id).isEmpty()) {
                events.close(id, now);
                feed.session("ended", id, null, now);
            } else {
                events.publish(id, "detached", null, null, now);
                feed.session("detached", id, null, now);
            }
        }
    }

    public SessionView view(Session s) {
        return SessionView.of(s, messages.openCounts(s.id()), registry.isSupervised(s.id()))
                .withAttachments(
                        hasAttachment(s.id(), AttachmentKind.SUPERVISOR), hasAttachment(s.id(), AttachmentKind.WAITER));
    }

    private DeliveryPath deliveryFor(SessionView v, MessageKind kind) {
        if (kind == MessageKind.NOTE) {
            return DeliveryPath.NEXT_PROMPT;
        }
        if (v.supervised()) {
            return DeliveryPath.REALTIME;
        }
        return v.idle() ? DeliveryPath.NEXT_PROMPT : DeliveryPath.END_OF_TURN;
    }

    private void publishAcks(List<Message> acked) {
        reconcile(acked);
        long now = clock.getAsLong();
        for (Message m : acked) {
            events.publish(m.to(), "acked", m.id(), m.kind().wire(), now);
        }
        publishMessages(
                "delivered",
                acked,
                m -> m.deliveredVia() == null ? null : m.deliveredVia().wire());
    }

    private void reconcile(List<Message> changed) {
        for (String to : changed.stream().map(Message::to).distinct().toList()) {
            quiet.reconcile(to);
        }
    }

    private void publishMessages(String type, List<Message> msgs, java.util.function.Function<Message, String> path) {
        long now = clock.getAsLong();
        for (Message m : msgs) {
            feed.message(type, m.to(), m.id(), m.kind().wire(), m.from(), path.apply(m), now);
        }
    }

    private String attachmentKind(String id, long pid) {
        for (SessionRegistry.Attachment a : registry.attachments(id)) {
            if (a.pid() == pid) {
                return a.kind().wire();
            }
        }
        return null;
    }

    private boolean hasAttachment(String id, AttachmentKind kind) {
        for (SessionRegistry.Attachment a : registry.attachments(id)) {
            if (a.kind() == kind) {
                return true;
            }
        }
        return false;
    }

    private void requireLive(String id) {
        Ids.requireClaudeId(id);
        if (registry.get(id).isEmpty()) {
            throw new NotFoundException("no live session with id " + id);
        }
    }

    private synchronized void checkPairRate(String from, String to, long now) {
        Deque<Long> window = pairWindows.computeIfAbsent(from + ">" + to, k -> new ArrayDeque<>());
        while (!window.isEmpty() && window.peekFirst() <= now - 60_000) {
            window.removeFirst();
        }
        if (window.size() >= limits.pairPerMinute()) {
            throw new RefusedException(
                    Reason.RATE_LIMITED,
                    from + " sent " + window.size() + " messages to " + to + " in the last minute (limit "
                            + limits.pairPerMinute() + "); wait before sending more");
        }
        window.addLast(now);
    }
}
