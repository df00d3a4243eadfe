package dev.claudemesh.session;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Live sessions and the identity rules of DESIGN.md: a registration is keyed by the claude process (pid +
 * start time) and by Claude Code's session_id. Same process, new session_id ({@code /clear}) keeps the id;
 * new process, known session_id ({@code --resume}) keeps the id; anything else gets a new id.
 */
public final class SessionRegistry {
    private final SessionStore store;
    private final ProcessProbe probe;
    private final Map<String, Session> live = new LinkedHashMap<>();
    private final Map<String, Map<Long, Attachment>> attachments = new HashMap<>();

    /** A supervisor or background waiter that can wake the session, pinned by its own process. */
    public record Attachment(AttachmentKind kind, long pid, long pidStart) {}

    /** The outcome of a registration: the session and how its id came about. */
    public record Registered(Session session, String identity) {}

    public SessionRegistry(SessionStore store, ProcessProbe probe) throws SQLException {
        this.store = store;
        this.probe = probe;
        for (Session s : store.loadAll()) {
            live.put(s.id(), s);
        }
    }

    public synchronized Registered register(Registration r, long now) throws SQLException {
        OptionalLong start = probe.startTime(r.pid());
        if (start.isEmpty()) {
            throw new InvalidInputException("pid " + r.pid() + " is not a running process");
        }
        long pidStart = start.getAsLong();
        // A record for this pid from an earlier process that reused it is stale.
        for (Session s : List.copyOf(live.values())) {
            if (s.pid() == r.pid() && s.pidStart() != pidStart) {
                removeInternal(s.id());
            }
        }
        Session same = find(s -> s.pid() == r.pid() && s.pidStart() == pidStart);
        if (same != null) {
            String how = same.sessionId().equals(r.sessionId()) ? "same-session" : "same-process";
            return new Registered(
                    put(same.rekeyed(r.sessionId(), r.pid(), pidStart, r.cwd(), r.transcriptPath(), now)), how);
        }
        Optional<String> known = store.claudeIdFor(r.sessionId());
        if (known.isPresent()) {
            Session holder = live.get(known.get());
            boolean heldByLiveOther =
                    holder != null && probe.startTime(holder.pid()).orElse(-1) == holder.pidStart();
            if (!heldByLiveOther) {
                if (holder != null) {
                    removeInternal(holder.id());
                }
                Session resumed = new Session(
                        known.get(), r.sessionId(), r.pid(), pidStart, r.cwd(), r.transcriptPath(), now, now, false);
                return new Registered(put(resumed), "resumed");
            }
        }
        String id;
        do {
            id = Ids.newClaudeId();
        } while (live.containsKey(id) || store.isKnownClaudeId(id));
        return new Registered(
                put(new Session(id, r.sessionId(), r.pid(), pidStart, r.cwd(), r.transcriptPath(), now, now, false)),
                "new");
    }

    public synchronized List<Session> list() {
        List<Session> out = new ArrayList<>(live.values());
        out.sort(Comparator.comparingLong(Session::startedAt).thenComparing(Session::id));
        return out;
    }

    public synchronized Optional<Session> get(String id) {
        return Optional.ofNullable(live.get(id));
    }

    public synchronized Optional<Session> findByPid(long pid) {
        return Optional.ofNullable(find(s -> s.pid() == pid));
    }

    public synchronized Optional<Session> findBySessionId(String sessionId) {
        return Optional.ofNullable(find(s -> s.sessionId().equals(sessionId)));
    }

    public synchronized Session setIdle(String id, boolean idle, long now) throws SQLException {
        Session s = require(id).withIdle(idle, now);
        live.put(id, s);
        store.updateIdle(id, idle, now);
        return s;
    }

    public synchronized boolean remove(String id) throws SQLException {
        return removeInternal(id);
    }

    public synchronized void attach(String id, AttachmentKind kind, long pid, long now) {
        require(id);
        OptionalLong start = probe.startTime(pid);
        if (start.isEmpty()) {
            throw new InvalidInputException("pid " + pid + " is not a running process");
        }
        attachments.computeIfAbsent(id, k -> new HashMap<>()).put(pid, new Attachment(kind, pid, start.getAsLong()));
    }

    public synchronized boolean detach(String id, long pid) {
        Map<Long, Attachment> m = attachments.get(id);
        return m != null && m.remove(pid) != null;
    }

    public synchronized void detachKind(String id, AttachmentKind kind) {
        Map<Long, Attachment> m = attachments.get(id);
        if (m != null) {
            m.values().removeIf(a -> a.kind() == kind);
        }
    }

    public synchronized List<Attachment> attachments(String id) {
        Map<Long, Attachment> m = attachments.get(id);
        return m == null ? List.of() : List.copyOf(m.values());
    }

    public synchronized boolean isSupervised(String id) {
        Map<Long, Attachment> m = attachments.get(id);
        return m != null && !m.isEmpty();
    }

    /**
     * Removes sessions whose claude process is gone or whose pid now belongs to another process, and
     * attachments whose process died. Returns the ids of the sessions whose state changed.
     */
    public synchronized List<String> sweep() throws SQLException {
        List<String> changed = new ArrayList<>();
        for (Session s : List.copyOf(live.values())) {
            if (probe.startTime(s.pid()).orElse(-1) != s.pidStart()) {
                removeInternal(s.id());
                changed.add(s.id());
            }
        }
        for (var e : attachments.entrySet()) {
            if (e.getValue().values().removeIf(a -> probe.startTime(a.pid()).orElse(-1) != a.pidStart())) {
                changed.add(e.getKey());
            }
        }
        attachments.values().removeIf(Map::isEmpty);
        return changed;
    }

    private Session require(String id) {
        Session s = live.get(id);
        if (s == null) {
            throw new NotFoundException("no live session with id " + id);
        }
        return s;
    }

    private Session put(Session s) throws SQLException {
        store.save(s);
        live.put(s.id(), s);
        return s;
    }

    private boolean removeInternal(String id) throws SQLException {
        Session s = live.remove(id);
        attachments.remove(id);
        if (s != null) {
            store.delete(id);
        }
        return s != null;
    }

    private Session find(java.util.function.Predicate<Session> p) {
        for (Session s : live.values()) {
            if (p.test(s)) {
                return s;
            }
        }
        return null;
    }
}
