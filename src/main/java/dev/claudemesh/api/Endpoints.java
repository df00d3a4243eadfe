package dev.claudemesh.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Every path of the daemon's HTTP API, in one place: the route patterns the daemon registers and the builders its
 * clients call. JDK-only, so the hook processes share these constants without loading anything heavy.
 */
public final class Endpoints {
    public static final String HEALTH = "/v1/health";
    public static final String SHUTDOWN = "/v1/shutdown";
    public static final String SESSIONS = "/v1/sessions";
    public static final String RESOLVE = "/v1/resolve";
    /**
     * Registration that heals ({@code POST}, {@code {pid, session_id, cwd}}): the live session of that claude pid or
     * session id, else registered now under SessionStart's rules. For the MCP server, whose session's SessionStart
     * may have been lost.
     */
    public static final String SESSIONS_ENSURE = "/v1/sessions/ensure";

    public static final String MESSAGES = "/v1/messages";
    /** The mesh-wide event stream (long-poll). */
    public static final String EVENTS = "/v1/events";
    /** Search across every session's transcript. */
    public static final String SEARCH = "/v1/search";

    public static final String HOOKS = "/v1/hooks/";
    public static final String LEASES = "/v1/leases/";
    public static final String WAITER_ATTACH = "/v1/hooks/waiter/attach";
    public static final String WAITER_CLAIM = "/v1/hooks/waiter/claim";
    /** The thin (sh, then bash /dev/tcp or curl) hooks: claude's stdin in, exactly the hook's output back (text/plain). */
    public static final String THIN_HOOKS = "/v1/thin/";
    /** The thin background Stop waiter: {@code attach}, then {@code wait} in a loop. */
    public static final String THIN_WAITER = "/v1/thin-waiter/";
    /** The thin MCP server: one claude message per {@code message} request, {@code end} when its stdin ended. */
    public static final String THIN_MCP = "/v1/thin-mcp/";

    /**
     * Sent only by the daemon's own process (the MCP server it hosts for the thin launcher) on its requests to
     * itself: the pid of the process it acts for, from which the daemon derives the caller as for any other request.
     * From any other process it is ignored.
     */
    public static final String CALLER_PID_HEADER = "X-Claudemesh-Caller-Pid";

    public static final String INDEX_STATUS = "/v1/index/status";
    public static final String INDEX_REBUILD = "/v1/index/rebuild";

    /** Route patterns (Javalin syntax) for the daemon. */
    public static final class Routes {
        public static final String SESSION = "/v1/sessions/{id}";
        public static final String SESSION_BY_PID = "/v1/sessions/by-pid/{pid}";
        public static final String SESSION_BY_SESSION_ID = "/v1/sessions/by-session-id/{sid}";
        public static final String SESSION_IDLE = SESSION + "/idle";
        public static final String SESSION_END = SESSION + "/end";
        public static final String SESSION_ATTACH = SESSION + "/attach";
        public static final String SESSION_DETACH = SESSION + "/detach";
        public static final String SESSION_EVENTS = SESSION + "/events";
        public static final String SESSION_MESSAGES = SESSION + "/messages";
        public static final String SESSION_INBOX = SESSION + "/inbox";
        public static final String SESSION_LEASE = SESSION + "/lease";
        public static final String SESSION_ACK = SESSION + "/ack";
        public static final String SESSION_DRAIN = SESSION + "/drain";
        public static final String SESSION_HISTORY = SESSION + "/history";
        public static final String SESSION_SEARCH = SESSION + "/search";
        public static final String SESSION_TURN = SESSION + "/turns/{n}";
        public static final String MESSAGE = "/v1/messages/{mid}";
        public static final String LEASE_ACK = LEASES + "{lid}/ack";
        public static final String LEASE_RELEASE = LEASES + "{lid}/release";
        public static final String HOOK = HOOKS + "{event}";
        public static final String THIN_HOOK = THIN_HOOKS + "{event}";
        public static final String THIN_WAITER_ATTACH = THIN_WAITER + "attach";
        public static final String THIN_WAITER_WAIT = THIN_WAITER + "wait";
        public static final String THIN_MCP_MESSAGE = THIN_MCP + "message";
        public static final String THIN_MCP_END = THIN_MCP + "end";

        private Routes() {}
    }

    private Endpoints() {}

    /** A session by claudemesh id, or (for the transcript endpoints) by id or folder name. */
    public static String session(String target) {
        return SESSIONS + "/" + segment(target);
    }

    public static String sessionByPid(long pid) {
        return SESSIONS + "/by-pid/" + pid;
    }

    public static String sessionBySessionId(String sessionId) {
        return SESSIONS + "/by-session-id/" + segment(sessionId);
    }

    public static String attach(String id) {
        return session(id) + "/attach";
    }

    public static String detach(String id) {
        return session(id) + "/detach";
    }

    public static String events(String id, long after, long timeoutMillis) {
        return session(id) + "/events?after=" + after + "&timeout=" + timeoutMillis;
    }

    /** The mesh-wide stream after {@code after}; {@code after < 0} waits for what happens from now. */
    public static String meshEvents(long after, long timeoutMillis) {
        return EVENTS + "?" + (after < 0 ? "" : "after=" + after + "&") + "timeout=" + timeoutMillis;
    }

    public static String inbox(String id, int limit) {
        return session(id) + "/inbox?limit=" + limit;
    }

    public static String messages(String id) {
        return session(id) + "/messages";
    }

    public static String lease(String id) {
        return session(id) + "/lease";
    }

    public static String drain(String id) {
        return session(id) + "/drain";
    }

    public static String history(String target, int lastN, boolean redact) {
        return session(target) + "/history?last_n=" + lastN + "&redact=" + redact;
    }

    public static String search(String target, SearchQuery q) {
        return session(target) + "/search?q=" + query(q.text()) + "&regex=" + q.regex() + "&case_sensitive="
                + q.caseSensitive() + "&context=" + q.context() + "&max=" + q.max()
                + (q.redact() == null ? "" : "&redact=" + q.redact());
    }

    /** A search of every transcript: {@code GET /v1/search?q=&folder=&since=&regex=&limit=}. */
    public static String searchAll(AllSearchQuery q) {
        StringBuilder b = new StringBuilder(SEARCH).append("?q=").append(query(q.text()));
        if (q.folder() != null) {
            b.append("&folder=").append(query(q.folder()));
        }
        if (q.since() != null) {
            b.append("&since=").append(query(q.since()));
        }
        if (q.regex()) {
            b.append("&regex=true");
        }
        if (q.limit() != null) {
            b.append("&limit=").append(q.limit());
        }
        return b.toString();
    }

    public static String turn(String target, int index) {
        return session(target) + "/turns/" + index;
    }

    public static String message(String messageId) {
        return MESSAGES + "/" + segment(messageId);
    }

    public static String ackLease(String leaseId) {
        return LEASES + segment(leaseId) + "/ack";
    }

    public static String releaseLease(String leaseId) {
        return LEASES + segment(leaseId) + "/release";
    }

    public static String hook(String event) {
        return HOOKS + event;
    }

    /** A value as one URL path segment (spaces as %20, never '+'); ids pass as they are. */
    public static String segment(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean plain = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '_'
                    || c == '.';
            if (!plain) {
                return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
            }
        }
        return value;
    }

    /** A value as a query parameter. */
    public static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
