package dev.claudemesh.mesh;

import dev.claudemesh.message.MessageStore;
import dev.claudemesh.session.Session;
import dev.claudemesh.session.SessionRegistry;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which claude processes' prompt hooks may skip the daemon ({@link QuietPrompts}): a live session's, while none of
 * its messages is open (pending or leased: a prompt then has something to deliver, or to prove delivered, as the
 * supervisor's typed tasks are by their ids in the prompt). Every change that can open a message or end a session
 * reconciles its session before it is published, so a client that has seen the change (a sender, the supervisor's
 * feed) knows the next prompt asks the daemon. A prompt that skipped it is applied here: the session went busy then.
 */
final class QuietPromptLedger {
    /** What the ledger needs of the mesh: mark a session busy at a given time. */
    interface Busy {
        void markBusy(String id, long at) throws SQLException;
    }

    private final SessionRegistry registry;
    private final MessageStore messages;
    private final Busy busy;
    private final Map<String, Long> allowed = new HashMap<>(); // claudemesh id -> claude pid
    private QuietPrompts files = QuietPrompts.NONE;

    QuietPromptLedger(SessionRegistry registry, MessageStore messages, Busy busy) {
        this.registry = registry;
        this.messages = messages;
        this.busy = busy;
    }

    /** From now on the markers go to {@code files}; every live session is reconciled. */
    synchronized void use(QuietPrompts files) {
        for (Long pid : allowed.values()) {
            this.files.revoke(pid);
        }
        allowed.clear();
        this.files = files;
        reconcileAll();
    }

    /** Allows or revokes {@code id}'s prompt hook as its state now says (the session need not be live). */
    synchronized void reconcile(String id) {
        Optional<Session> s = registry.get(id);
        boolean quiet = s.isPresent() && s.get().pid() > 0 && open(id) == 0;
        Long had = allowed.get(id);
        if (quiet && had != null && had == s.get().pid()) {
            return;
        }
        if (had != null) {
            allowed.remove(id);
            files.revoke(had);
        }
        if (quiet) {
            allowed.put(id, s.get().pid());
            files.allow(s.get().pid());
        }
    }

    /** {@link #reconcile} for every live session and every session allowed before (one that ended unseen). */
    synchronized void reconcileAll() {
        for (String id : List.copyOf(allowed.keySet())) {
            reconcile(id);
        }
        for (Session s : registry.list()) {
            reconcile(s.id());
        }
    }

    /**
     * Applies the prompts that skipped the daemon: each marks the session of its claude process busy at the prompt's
     * time, unless the session changed since (a later Stop already said idle). A claude process has one current
     * session (after {@code /clear} its hooks may still carry the old Claude Code session id, as its MCP server does),
     * so the pid decides; one that names no live session revokes the pid.
     */
    synchronized void catchUp() throws SQLException {
        for (QuietPrompts.Prompt p : files.take()) {
            Optional<Session> s = registry.findByPid(p.pid());
            if (s.isPresent()) {
                if (p.at() >= s.get().lastActive()) {
                    busy.markBusy(s.get().id(), p.at());
                }
            } else {
                files.revoke(p.pid());
            }
        }
    }

    private int open(String id) {
        int[] n = messages.openCounts(id);
        return n[0] + n[1];
    }
}
