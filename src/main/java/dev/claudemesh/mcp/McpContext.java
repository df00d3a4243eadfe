package dev.claudemesh.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudemesh.client.DaemonUnavailableException;
import dev.claudemesh.daemon.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** What every tool needs: the daemon, this session's identity and the size budget of a result. */
record McpContext(DaemonLink daemon, SelfIdentity self, ResultBudget budget) {
    McpContext(DaemonLink daemon, SelfIdentity self) {
        this(daemon, self, new ResultBudget(Json.mapper(), ResultBudget.MAX_CHARS - 2_000));
    }

    /** A target (id or folder name) as one URL path segment. */
    static String segment(String target) {
        return URLEncoder.encode(target, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The session a tool result names: id, folder and working directory. */
    static Map<String, Object> brief(JsonNode session) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", session.path("id").asText());
        out.put("folder", session.path("folder").asText());
        out.put("cwd", session.path("cwd").asText());
        return out;
    }

    static String iso(long millis) {
        return Instant.ofEpochMilli(millis).toString();
    }

    JsonNode get(String path) throws DaemonUnavailableException {
        return daemon.get(path);
    }

    JsonNode post(String path, Object body) throws DaemonUnavailableException {
        return daemon.post(path, body);
    }
}
