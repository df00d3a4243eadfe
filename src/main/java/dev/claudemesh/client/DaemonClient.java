package dev.claudemesh.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.claudemesh.config.DaemonState;
import dev.claudemesh.daemon.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A typed-enough HTTP client for the daemon's API (CLI, MCP, supervisor). Not for the lean hook path. */
public final class DaemonClient {
    private final HttpClient http;
    private final ObjectMapper json = Json.mapper();
    private final String base;
    private final String token;
    private final DaemonState state;

    public DaemonClient(DaemonState state, String token) {
        this.state = state;
        this.token = token;
        this.base = "http://127.0.0.1:" + state.port();
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(2))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    public DaemonState state() {
        return state;
    }

    public ObjectMapper json() {
        return json;
    }

    public JsonNode get(String path) throws DaemonUnavailableException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), Duration.ofSeconds(10));
    }

    public JsonNode post(String path, Object body) throws DaemonUnavailableException {
        return post(path, body, Duration.ofSeconds(10));
    }

    public JsonNode post(String path, Object body, Duration timeout) throws DaemonUnavailableException {
        try {
            byte[] bytes = json.writeValueAsBytes(body == null ? java.util.Map.of() : body);
            return send(
                    HttpRequest.newBuilder(URI.create(base + path))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)),
                    timeout);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode request: " + e.getMessage(), e);
        }
    }

    /** Long-polls a session's events; returns null on 204 (nothing new before the timeout). */
    public JsonNode events(String id, long after, long timeoutMs) throws DaemonUnavailableException {
        return send(
                HttpRequest.newBuilder(URI.create(
                                base + "/v1/sessions/" + id + "/events?after=" + after + "&timeout=" + timeoutMs))
                        .GET(),
                Duration.ofMillis(timeoutMs + 10_000));
    }

    public static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private JsonNode send(HttpRequest.Builder b, Duration timeout) throws DaemonUnavailableException {
        HttpRequest req =
                b.header("Authorization", "Bearer " + token).timeout(timeout).build();
        HttpResponse<byte[]> res;
        try {
            res = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new DaemonUnavailableException(
                    "cannot reach the claudemesh daemon at 127.0.0.1:" + state.port() + " (" + e + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DaemonUnavailableException("interrupted while talking to the daemon", e);
        }
        if (res.statusCode() == 204) {
            return null;
        }
        JsonNode body;
        try {
            body = res.body().length == 0 ? json.createObjectNode() : json.readTree(res.body());
        } catch (IOException e) {
            throw new DaemonUnavailableException(
                    "the daemon answered something that is not JSON (HTTP " + res.statusCode() + ")");
        }
        if (res.statusCode() >= 400) {
            String msg = body.path("error").asText("HTTP " + res.statusCode());
            throw new ApiException(res.statusCode(), msg, body);
        }
        return body;
    }
}
