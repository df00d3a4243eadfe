package dev.claudemesh.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudemesh.client.ApiException;
import dev.claudemesh.client.DaemonClient;
import dev.claudemesh.client.DaemonUnavailableException;
import dev.claudemesh.session.Ids;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Which claude session this MCP server serves. Claude Code starts the server as its direct child, so the parent
 * pid is claude's pid, which the session's registration is keyed by and which survives {@code /clear} (the
 * server keeps the old {@code CLAUDE_CODE_SESSION_ID} after a clear). In order:
 *
 * <ol>
 *   <li>{@code CLAUDEMESH_SESSION}: an explicit claudemesh id (for clients that are not claude, e.g. tests); the
 *       daemon still sends a message only as the session this process runs inside (it derives the sender from the
 *       calling process), so a send as a session this server is not a descendant of is refused;
 *   <li>the parent pid;
 *   <li>{@code CLAUDE_CODE_SESSION_ID}.
 * </ol>
 *
 * Ancestors beyond the parent are not tried: a claude started inside another claude's shell would otherwise be
 * taken for the outer session while its own registration is still on its way. Claude starts its MCP servers and
 * its SessionStart hook together, so a lookup waits (short backoff) until {@link #REGISTRATION_WAIT} after this
 * server started for the registration to appear; later lookups do not wait. When the window has passed and the
 * session is still unknown (its SessionStart was lost, e.g. while the daemon was starting), the daemon registers it
 * from what this server knows ({@code POST /v1/sessions/ensure}: the parent pid, {@code CLAUDE_CODE_SESSION_ID}, the
 * working folder claude started it in), under SessionStart's identity rules.
 */
final class SelfIdentity {
    static final Duration REGISTRATION_WAIT = Duration.ofSeconds(5);
    static final String ENV_SESSION = "CLAUDEMESH_SESSION";

    private final String explicitId;
    private final long parentPid;
    private final String sessionId;
    private final String cwd;
    private final long deadlineNanos;

    /** This session as the daemon knows it, and how it was found. */
    record Self(JsonNode session, String foundBy) {
        String id() {
            return session.path("id").asText();
        }
    }

    SelfIdentity(String explicitId, long parentPid, String sessionId, long deadlineNanos) {
        this(explicitId, parentPid, sessionId, System.getProperty("user.dir"), deadlineNanos);
    }

    SelfIdentity(String explicitId, long parentPid, String sessionId, String cwd, long deadlineNanos) {
        this.explicitId = explicitId == null || explicitId.isBlank() ? null : explicitId.trim();
        this.parentPid = parentPid;
        this.sessionId = Ids.isSessionId(sessionId) ? sessionId : null;
        this.cwd = cwd;
        this.deadlineNanos = deadlineNanos;
    }

    static SelfIdentity fromEnvironment(Map<String, String> env) {
        long ppid = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(0L);
        return new SelfIdentity(
                env.get(ENV_SESSION),
                ppid,
                env.get("CLAUDE_CODE_SESSION_ID"),
                System.nanoTime() + REGISTRATION_WAIT.toNanos());
    }

    /** This session, waiting for its registration while the start-up window is open. */
    Self require(DaemonClient daemon) throws DaemonUnavailableException, InterruptedException {
        long pause = 50;
        while (true) {
            boolean last = deadlineNanos - System.nanoTime() <= 0;
            Optional<Self> found = find(daemon);
            if (found.isPresent()) {
                return found.get();
            }
            long left = deadlineNanos - System.nanoTime();
            if (last) {
                throw new ToolFailure(notFound());
            }
            Thread.sleep(Math.max(1, Math.min(pause, left / 1_000_000)));
            pause = Math.min(250, pause * 3 / 2);
        }
    }

    /** One lookup, no waiting. */
    Optional<Self> find(DaemonClient daemon) throws DaemonUnavailableException {
        if (explicitId != null) {
            if (!Ids.isClaudeId(explicitId)) {
                throw new ToolFailure(ENV_SESSION + " is set to '" + Ids.printable(explicitId)
                        + "', which is not a claudemesh id (8 characters, a-z and 0-9); fix or unset it.");
            }
            return lookup(() -> daemon.session(explicitId), ENV_SESSION + "=" + explicitId);
        }
        if (parentPid > 0) {
            Optional<Self> byPid = lookup(() -> daemon.sessionByPid(parentPid), "parent pid " + parentPid);
            if (byPid.isPresent()) {
                return byPid;
            }
        }
        if (sessionId != null) {
            Optional<Self> bySid =
                    lookup(() -> daemon.sessionBySessionId(sessionId), "CLAUDE_CODE_SESSION_ID " + sessionId);
            if (bySid.isPresent() || System.nanoTime() - deadlineNanos < 0 || parentPid <= 0 || cwd == null) {
                return bySid;
            }
            return lookup(
                    () -> daemon.ensureSession(parentPid, sessionId, cwd).path("session"),
                    "parent pid " + parentPid + " (registered by this server)");
        }
        return Optional.empty();
    }

    private interface Lookup {
        JsonNode run() throws DaemonUnavailableException;
    }

    private static Optional<Self> lookup(Lookup lookup, String how) throws DaemonUnavailableException {
        try {
            return Optional.of(new Self(lookup.run(), how));
        } catch (ApiException e) {
            if (e.status() == 404 || e.status() == 400) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private String notFound() {
        if (explicitId != null) {
            return ENV_SESSION + " names " + explicitId + ", which is not a live claudemesh session.";
        }
        return "This Claude Code session is not registered with claudemesh (no live session for parent pid "
                + parentPid + (sessionId == null ? "" : " or session id " + sessionId) + " after waiting "
                + REGISTRATION_WAIT.toSeconds() + " s). Its SessionStart hook registers it: run `claudemesh doctor`"
                + " in a terminal, or `claudemesh install` and restart claude.";
    }
}
