package dev.claudemesh.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudemesh.api.WireJson;
import dev.claudemesh.client.DaemonClient;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** What every tool needs: the daemon, this session's identity and the size budget of a result. */
record McpContext(DaemonLink daemon, SelfIdentity self, ResultBudget budget) {
    McpContext(DaemonLink daemon, SelfIdentity self) {
        this(daemon, self, new ResultBudget(WireJson.mapper(), ResultBudget.MAX_CHARS - 2_000));
    }

    /** A target as given, unless it is a path (a common slip), which gets a sentence naming the folder to use. */
    static String requireTarget(String target) {
        String t = target.strip();
        if (t.indexOf('/') >= 0) {
            String[] parts = t.split("/+");
            String folder = parts.length == 0 ? "" : parts[parts.length - 1];
            throw new ToolFailure("'" + t + "' is a path, not a target: use the session's"
                    + " claudemesh id or its folder name" + (folder.isEmpty() ? "" : ", here probably '" + folder + "'")
                    + " (see list_instances).");
        }
        return t;
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

    /** The daemon. */
    DaemonClient client() {
        return daemon.client();
    }
}
