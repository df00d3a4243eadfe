package dev.claudemesh.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.claudemesh.config.DaemonState;
import dev.claudemesh.daemon.Json;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A typed-enough client for the daemon's API (CLI, MCP, supervisor): JSON in and out over {@link LeanHttp},
 * which starts in a fraction of java.net.http's time — most CLI commands make one or two requests.
 */
public final class DaemonClient {
    private final ObjectMapper json = Json.mapper();
    private final LeanHttp http;
    private final DaemonState state;

    public DaemonClient(DaemonState state, String token) {
        this.state = state;
        this.http = new LeanHttp(state.port(), token);
    }

    public DaemonState state() {
        return state;
    }

    public ObjectMapper json() {
        return json;
    }

    public JsonNode get(String path) throws DaemonUnavailableException {
        return send("GET", path, null, Duration.ofSeconds(10));
    }

    public JsonNode post(String path, Object body) throws DaemonUnavailableException {
        return post(path, body, Duration.ofSeconds(10));
    }

    public JsonNode post(String path, Object body, Duration timeout) throws DaemonUnavailableException {
        try {
            return send("POST", path, json.writeValueAsString(body == null ? java.util.Map.of() : body), timeout);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode request: " + e.getMessage(), e);
        }
    }

    /** Long-polls a session's events; returns null on 204 (nothing new before the timeout). */
    public JsonNode events(String id, long after, long timeoutMs) throws DaemonUnavailableException {
        return send(
                "GET",
                "/v1/sessions/" + id + "/events?after=" + after + "&timeout=" + timeoutMs,
                null,
                Duration.ofMillis(timeoutMs + 10_000));
    }

    /**
     * Long-polls the mesh-wide event stream from {@code after} ({@code < 0}: from now); returns null on 204 (nothing
     * new before the timeout).
     */
    public JsonNode meshEvents(long after, long timeoutMs) throws DaemonUnavailableException {
        return send(
                "GET",
                "/v1/events?" + (after < 0 ? "" : "after=" + after + "&") + "timeout=" + timeoutMs,
                null,
                Duration.ofMillis(timeoutMs + 10_000));
    }

    public static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private JsonNode send(String method, String path, String body, Duration timeout) throws DaemonUnavailableException {
        LeanHttp.Response res;
        try {
            int ms = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
            res = method.equals("GET") ? http.get(path, ms) : http.post(path, body, ms);
        } catch (IOException e) {
            throw new DaemonUnavailableException(
                    "cannot reach the claudemesh daemon at 127.0.0.1:" + state.port() + " (" + e + ")", e);
        }
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
}
