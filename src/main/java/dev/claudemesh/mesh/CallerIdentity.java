package dev.claudemesh.mesh;

import dev.claudemesh.session.ProcessInfo;
import dev.claudemesh.session.ProcessProbe;
import dev.claudemesh.session.Session;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.LongPredicate;
import java.util.function.Supplier;

/**
 * Who a process is, for the mesh: the tray app, a process inside a live claude session (claude itself or any
 * descendant: its MCP server, a hook, a {@code claudemesh send} or curl run by its Bash tool), or a person at a
 * terminal. The nearest registered claude among the process and its ancestors wins; a session's pid counts only
 * while it is still the process that registered (its start time), so a reused pid is nobody's.
 */
public final class CallerIdentity {
    private final Supplier<List<Session>> sessions;
    private final ProcessProbe probe;
    private final LongPredicate trayApp;

    /**
     * @param sessions the live sessions ({@link Mesh#liveSessions()})
     * @param trayApp whether a pid is the tray app's process (or the daemon's own while the tray app hosts it)
     */
    public CallerIdentity(Supplier<List<Session>> sessions, ProcessProbe probe, LongPredicate trayApp) {
        this.sessions = sessions;
        this.probe = probe;
        this.trayApp = trayApp;
    }

    /** The caller that process {@code pid} is (unknown for a pid that does not run). */
    public Caller ofPid(long pid) {
        OptionalLong started = ProcessInfo.validPid(pid) ? probe.startTime(pid) : OptionalLong.empty();
        if (started.isEmpty()) {
            return Caller.UNKNOWN;
        }
        String name = ProcessInfo.name(pid);
        if (trayApp.test(pid)) {
            return Caller.tray(pid, name);
        }
        Map<Long, Session> byPid = new HashMap<>();
        for (Session s : sessions.get()) {
            byPid.put(s.pid(), s);
        }
        List<Long> chain = new ArrayList<>();
        chain.add(pid);
        chain.addAll(ProcessInfo.ancestors(pid));
        for (long p : chain) {
            Session s = byPid.get(p);
            if (s != null) {
                OptionalLong now = probe.startTime(p);
                if (now.isPresent() && now.getAsLong() == s.pidStart()) {
                    return Caller.session(pid, name, s.id(), s.folder());
                }
            }
        }
        return Caller.person(pid, name);
    }
}
