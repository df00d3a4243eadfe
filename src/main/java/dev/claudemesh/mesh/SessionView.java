package dev.claudemesh.mesh;

import dev.claudemesh.session.Session;

/** A session as clients see it: the registry record plus its open message counts and supervision. */
public record SessionView(
        String id,
        String sessionId,
        long pid,
        String cwd,
        String folder,
        String transcriptPath,
        long startedAt,
        long lastActive,
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
                open[0] + open[1],
                open[0],
                open[1],
                s.idle(),
                supervised);
    }
}
