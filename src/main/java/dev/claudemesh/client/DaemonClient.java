package dev.claudemesh.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.claudemesh.api.AllSearchQuery;
import dev.claudemesh.api.Endpoints;
import dev.claudemesh.api.LeaseRequest;
import dev.claudemesh.api.SearchQuery;
import dev.claudemesh.api.SendRequest;
import dev.claudemesh.api.WireJson;
import dev.claudemesh.config.DaemonState;
import dev.claudemesh.session.AttachmentKind;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/**
 * The one client of the daemon's API (CLI, MCP server, supervisor, tray app): a typed method per endpoint, JSON in
 * and out over a {@link Transport}. Answers are the daemon's JSON as it sent it, so {@code --json} output and tool
 * results pass it on untouched. Failures: {@link DaemonUnavailableException} when the daemon cannot be reached or
 * answers garbage, {@link ApiException} (status, {@code error} sentence, body) when it refuses.
 */
public final class DaemonClient {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final ObjectMapper json = WireJson.mapper();
    private final Transport transport;
    private final int timeoutMillis;

    /** A client for the daemon a state file describes. */
    public DaemonClient(DaemonState state, String token) {
        this(new DirectTransport(state, token), DEFAULT_TIMEOUT);
    }

    public DaemonClient(Transport transport, Duration timeout) {
        this.transport = transport;
        this.timeoutMillis = millis(timeout);
    }

    /** The daemon this client talks to now: pid, port, version. */
    public DaemonState state() throws DaemonUnavailableException {
        return transport.state();
    }

    public Transport transport() {
        return transport;
    }

    /** The wire format's mapper, e.g. to print an answer. */
    public ObjectMapper json() {
        return json;
    }

    public JsonNode health() throws DaemonUnavailableException {
        return get(Endpoints.HEALTH);
    }

    /** Asks the daemon to stop; it answers first, then stops. */
    public JsonNode shutdown() throws DaemonUnavailableException {
        return post(Endpoints.SHUTDOWN, null);
    }

    /** The live sessions (the {@code sessions} array of the answer). */
    public JsonNode sessions() throws DaemonUnavailableException {
        return get(Endpoints.SESSIONS).path("sessions");
    }

    public JsonNode session(String id) throws DaemonUnavailableException {
        return get(Endpoints.session(id));
    }

    /**
     * The live session of claude process {@code pid} (or Claude's {@code sessionId}), registered now when the daemon
     * does not know it: {@code {"session": ..., "identity": "known"|"new"|"resumed"}}.
     */
    public JsonNode ensureSession(long pid, String sessionId, String cwd) throws DaemonUnavailableException {
        return post(Endpoints.SESSIONS_ENSURE, Map.of("pid", pid, "session_id", sessionId, "cwd", cwd));
    }

    public JsonNode sessionByPid(long pid) throws DaemonUnavailableException {
        return get(Endpoints.sessionByPid(pid));
    }

    public JsonNode sessionBySessionId(String sessionId) throws DaemonUnavailableException {
        return get(Endpoints.sessionBySessionId(sessionId));
    }

    /** Stores a message: its {@code id}, {@code seq}, receiver ({@code to}), {@code delivery} and {@code wakeable}. */
    public JsonNode send(SendRequest message) throws DaemonUnavailableException {
        return post(Endpoints.MESSAGES, message);
    }

    /** A session's open messages, oldest first, without changing anything (the {@code messages} array). */
    public JsonNode messages(String id) throws DaemonUnavailableException {
        return get(Endpoints.messages(id)).path("messages");
    }

    /** Takes a session's open messages and marks them delivered (the {@code messages} array). */
    public JsonNode drain(String id) throws DaemonUnavailableException {
        return post(Endpoints.drain(id), Map.of()).path("messages");
    }

    public JsonNode lease(String id, LeaseRequest request) throws DaemonUnavailableException {
        return post(Endpoints.lease(id), request);
    }

    public JsonNode releaseLease(String leaseId) throws DaemonUnavailableException {
        return post(Endpoints.releaseLease(leaseId), null);
    }

    public JsonNode ackLease(String leaseId) throws DaemonUnavailableException {
        return post(Endpoints.ackLease(leaseId), null);
    }

    /** Attaches process {@code pid} as the session's supervisor or waiter; answers the session. */
    public JsonNode attach(String id, AttachmentKind kind, long pid) throws DaemonUnavailableException {
        return post(Endpoints.attach(id), Map.of("kind", kind.wire(), "pid", pid));
    }

    public JsonNode detach(String id, long pid) throws DaemonUnavailableException {
        return post(Endpoints.detach(id), Map.of("pid", pid));
    }

    /** Long-polls a session's events; returns null when nothing newer arrived before the timeout. */
    public JsonNode events(String id, long after, long timeoutMs) throws DaemonUnavailableException {
        return send("GET", Endpoints.events(id, after, timeoutMs), null, millis(timeoutMs + 10_000));
    }

    /** The last {@code lastN} turns of a session's transcript (by id or folder name). */
    public JsonNode history(String target, int lastN, boolean redact) throws DaemonUnavailableException {
        return get(Endpoints.history(target, lastN, redact));
    }

    public JsonNode search(String target, SearchQuery query) throws DaemonUnavailableException {
        return get(Endpoints.search(target, query));
    }

    /** Searches every transcript through the daemon's full-text index. */
    public JsonNode searchAll(AllSearchQuery query) throws DaemonUnavailableException {
        return get(Endpoints.searchAll(query));
    }

    public JsonNode indexStatus() throws DaemonUnavailableException {
        return get(Endpoints.INDEX_STATUS);
    }

    public JsonNode rebuildIndex() throws DaemonUnavailableException {
        return post(Endpoints.INDEX_REBUILD, null);
    }

    public JsonNode turn(String target, int index) throws DaemonUnavailableException {
        return get(Endpoints.turn(target, index));
    }

    /** Any GET; prefer the typed methods (this one serves tests and diagnostics). */
    public JsonNode get(String path) throws DaemonUnavailableException {
        return send("GET", path, null, timeoutMillis);
    }

    /** Any POST of {@code body} as JSON (null = {@code {}}); prefer the typed methods. */
    public JsonNode post(String path, Object body) throws DaemonUnavailableException {
        return post(path, body, Duration.ofMillis(timeoutMillis));
    }

    public JsonNode post(String path, Object body, Duration timeout) throws DaemonUnavailableException {
        try {
            return send("POST", path, json.writeValueAsString(body == null ? Map.of() : body), millis(timeout));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode request: " + e.getMessage(), e);
        }
    }

    /**
     * Long-polls the mesh-wide event stream from {@code after} ({@code < 0}: from now); returns null when nothing
     * newer arrived before the timeout.
     */
    public JsonNode meshEvents(long after, long timeoutMs) throws DaemonUnavailableException {
        return send("GET", Endpoints.meshEvents(after, timeoutMs), null, millis(timeoutMs + 10_000));
    }

    /** One message with its delivery history ({@code message}, {@code history}). */
    public JsonNode message(String messageId) throws DaemonUnavailableException {
        return get(Endpoints.message(messageId));
    }

    /**
     * Search across every session's transcript (the daemon's index): {@code hits}, {@code took_ms}, {@code
     * truncated}, {@code index}. A daemon without it answers 404.
     */
    /** A session's recent messages in every state, newest first (the {@code messages} array). */
    public JsonNode inbox(String id, int limit) throws DaemonUnavailableException {
        return get(Endpoints.inbox(id, limit)).path("messages");
    }

    /** A value as a URL query parameter. */
    public static String q(String s) {
        return Endpoints.query(s);
    }

    private JsonNode send(String method, String path, String body, int timeout) throws DaemonUnavailableException {
        LeanHttp.Response res = transport.exchange(method, path, body, timeout);
        if (res.status() == 204) {
            return null;
        }
        JsonNode parsed;
        try {
            parsed = res.body().isEmpty() ? json.createObjectNode() : json.readTree(res.body());
        } catch (IOException e) {
            throw new DaemonUnavailableException(
                    "the daemon answered something that is not JSON (HTTP " + res.status() + ")");
        }
        if (res.status() >= 400) {
            String msg = parsed.path("error").asText("HTTP " + res.status());
            throw new ApiException(res.status(), msg, parsed);
        }
        return parsed;
    }

    private static int millis(Duration d) {
        return millis(d.toMillis());
    }

    private static int millis(long ms) {
        return (int) Math.min(Integer.MAX_VALUE, ms);
    }
}
