package dev.claudemesh.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudemesh.session.ProcessInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the claude session a process runs under: {@code CLAUDE_PID} when claude set it, else the nearest
 * ancestor pid the daemon knows as a registered claude.
 */
public final class SelfFinder {
    private SelfFinder() {}

    public static List<Long> candidatePids(Map<String, String> env) {
        List<Long> pids = new ArrayList<>();
        String cp = env.get("CLAUDE_PID");
        if (cp != null && cp.matches("\\d{1,9}")) {
            pids.add(Long.parseLong(cp));
        }
        for (long a : ProcessInfo.ancestors(ProcessHandle.current().pid())) {
            if (!pids.contains(a)) {
                pids.add(a);
            }
        }
        return pids;
    }

    public static Optional<JsonNode> find(DaemonClient client, Map<String, String> env)
            throws DaemonUnavailableException {
        for (long pid : candidatePids(env)) {
            try {
                return Optional.of(client.sessionByPid(pid));
            } catch (ApiException e) {
                if (e.status() != 404) {
                    throw e;
                }
            }
        }
        return Optional.empty();
    }
}
