package dev.claudemesh.session;

/**
 * A live Claude Code session as the registry knows it. {@code pidStart} pins the process so a reused pid
 * is not mistaken for this session. {@code builtin} is Claude Code's own messaging as its hooks last saw it.
 */
public record Session(
        String id,
        String sessionId,
        long pid,
        long pidStart,
        String cwd,
        String transcriptPath,
        long startedAt,
        long lastActive,
        boolean idle,
        BuiltinMessaging builtin) {
    public Session {
        builtin = builtin == null ? BuiltinMessaging.OFF : builtin;
        Ids.requireClaudeId(id);
        Ids.requireSessionId(sessionId);
        Ids.requirePid(pid);
        if (cwd == null || cwd.isBlank()) {
            throw new InvalidInputException("a session needs its working folder (cwd)");
        }
    }

    /** The folder name targets resolve by: the last element of cwd. */
    public String folder() {
        String c = cwd.endsWith("/") && cwd.length() > 1 ? cwd.substring(0, cwd.length() - 1) : cwd;
        int slash = c.lastIndexOf('/');
        return slash >= 0 && slash < c.length() - 1 ? c.substring(slash + 1) : c;
    }

    public Session withIdle(boolean value, long now) {
        return new Session(id, sessionId, pid, pidStart, cwd, transcriptPath, startedAt, now, value, builtin);
    }

    public Session withBuiltin(BuiltinMessaging value) {
        return new Session(id, sessionId, pid, pidStart, cwd, transcriptPath, startedAt, lastActive, idle, value);
    }

    public Session rekeyed(
            String newSessionId, long newPid, long newPidStart, String newCwd, String newTranscript, long now) {
        return new Session(
                id, newSessionId, newPid, newPidStart, newCwd, newTranscript, startedAt, now, false, builtin);
    }
}
