package dev.claudemesh.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.claudemesh.Version;
import dev.claudemesh.client.ApiException;
import dev.claudemesh.client.DaemonStarter;
import dev.claudemesh.client.DaemonUnavailableException;
import dev.claudemesh.client.LeanHttp;
import dev.claudemesh.config.MeshHome;
import dev.claudemesh.daemon.Json;
import java.io.IOException;
import java.net.ConnectException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The MCP server's way to the daemon, over the hooks' plain-socket HTTP client: {@code java.net.http} would add
 * about 17 MiB of resident memory to a process that lives as long as its claude session. Connects on first use
 * (the usual {@link DaemonStarter} starts or replaces the daemon when no daemon of this version answers) and
 * reconnects once when the daemon it knew is gone. A send is retried only when the connection was refused, so a
 * message is never stored twice by a retry.
 */
final class DaemonLink {
    static final int TIMEOUT_MILLIS = 20_000;
    /** An answer at least this long leaves enough garbage that the heap should be given back afterwards. */
    static final int LARGE_ANSWER_CHARS = 256 * 1024;

    /** Finds (or starts) the daemon. */
    interface Connector {
        LeanHttp connect() throws DaemonUnavailableException;
    }

    private final Connector connector;
    private final ObjectMapper json = Json.mapper();
    private LeanHttp http;
    private final AtomicBoolean largeAnswer = new AtomicBoolean();

    DaemonLink(Connector connector) {
        this.connector = connector;
    }

    /** The daemon of {@code home}, started in the background when none of this version runs. */
    static DaemonLink autostarting(MeshHome home) {
        return new DaemonLink(() -> {
            Optional<LeanHttp> running = healthy(home);
            if (running.isPresent()) {
                return running.get();
            }
            new DaemonStarter(home).connect(true);
            return healthy(home)
                    .orElseThrow(() -> new DaemonUnavailableException(
                            "the claudemesh daemon started but does not answer (home " + home.dir() + ")"));
        });
    }

    /** The daemon of {@code home} if one runs; never starts one. */
    static DaemonLink existing(MeshHome home) {
        return new DaemonLink(() -> LeanHttp.forHome(home)
                .orElseThrow(() -> new DaemonUnavailableException(
                        "the claudemesh daemon is not running (home " + home.dir() + ")")));
    }

    private static Optional<LeanHttp> healthy(MeshHome home) {
        Optional<LeanHttp> http = LeanHttp.forHome(home);
        if (http.isEmpty()) {
            return http;
        }
        try {
            LeanHttp.Response r = http.get().get("/v1/health", 2_000);
            JsonNode h = Json.mapper().readTree(r.body());
            boolean ok = r.status() == 200
                    && Version.current().equals(h.path("version").asText());
            return ok ? http : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    JsonNode get(String path) throws DaemonUnavailableException {
        try {
            return exchange(connection(), "GET", path, null);
        } catch (DaemonUnavailableException e) {
            return exchange(reconnect(), "GET", path, null);
        }
    }

    JsonNode post(String path, Object body) throws DaemonUnavailableException {
        String text;
        try {
            text = json.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot encode request: " + e.getMessage(), e);
        }
        try {
            return exchange(connection(), "POST", path, text);
        } catch (DaemonUnavailableException e) {
            if (!(e.getCause() instanceof ConnectException)) {
                throw e;
            }
            return exchange(reconnect(), "POST", path, text);
        }
    }

    private JsonNode exchange(LeanHttp to, String method, String path, String body) throws DaemonUnavailableException {
        LeanHttp.Response res;
        try {
            res = method.equals("GET") ? to.get(path, TIMEOUT_MILLIS) : to.post(path, body, TIMEOUT_MILLIS);
        } catch (IOException e) {
            throw new DaemonUnavailableException("cannot reach the claudemesh daemon (" + e + ")", e);
        }
        if (res.body().length() >= LARGE_ANSWER_CHARS) {
            largeAnswer.set(true);
        }
        JsonNode node;
        try {
            node = res.body().isEmpty() ? json.createObjectNode() : json.readTree(res.body());
        } catch (IOException e) {
            throw new DaemonUnavailableException(
                    "the daemon answered something that is not JSON (HTTP " + res.status() + ")");
        }
        if (res.status() >= 400) {
            throw new ApiException(res.status(), node.path("error").asText("HTTP " + res.status()), node);
        }
        return node;
    }

    /** Whether a large answer arrived since the last call (and forgets it). */
    boolean takeLargeAnswer() {
        return largeAnswer.getAndSet(false);
    }

    private synchronized LeanHttp connection() throws DaemonUnavailableException {
        if (http == null) {
            http = connector.connect();
        }
        return http;
    }

    private synchronized LeanHttp reconnect() throws DaemonUnavailableException {
        http = null;
        return connection();
    }
}
