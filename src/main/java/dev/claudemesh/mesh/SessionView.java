package dev.claudemesh.mesh;

import dev.claudemesh.session.Session;

/**
 * A session as clients see it: the registry record plus its open message counts and supervision. {@code supervised}:
 * something attached can wake it (a supervisor or a background waiter); {@code supervisor} and {@code waiter} say
 * which.
 */
public record SessionView(
        String id,
        String sessionId,
        long pid,
        String cwd,
        String folder,
        String transcriptPath,
        long startedAt,
        long lastActive,
        boolean supervisor,
        boolean waiter,
        int pending,
        int pendingTasks,
        int pendingNotes,
        boolean idle,
        boolean supervised) {
    public static SessionView of(Session s, int[] open, boolean supervised) {
        return new SessionView(
                s.id(),
                s.sessionId(),
                s.pid(),
                s.cwd(),
                s.folder(),
                s.transcriptPath(),
                s.startedAt(),
                s.lastActive(),
                false,
                false,
                open[0] + open[1],
                open[0],
                open[1],
                s.idle(),
                supervised);
    }

    /** The same view with what is attached to the session. */
    public SessionView withAttachments(boolean hasSupervisor, boolean hasWaiter) {
        return new SessionView(
                id,
                sessionId,
                pid,
                cwd,
                folder,
                transcriptPath,
                startedAt,
                lastActive,
                hasSupervisor,
                hasWaiter,
                pending,
                pendingTasks,
                pendingNotes,
                idle,
                supervised);
    }
}
