package dev.claudemesh.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudemesh.session.ProcessInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the claude session a process runs under: the nearest ancestor process the daemon knows as a registered
 * claude, found by walking the process tree. {@code CLAUDE_PID} from the environment is only a hint for the order:
 * it counts only when that pid really is an ancestor, so no one sends as a session by setting a variable.
 */
public final class SelfFinder {
    private SelfFinder() {}

    public static List<Long> candidatePids(Map<String, String> env) {
        List<Long> ancestors = ProcessInfo.ancestors(ProcessHandle.current().pid());
        List<Long> pids = new ArrayList<>();
        String cp = env.get("CLAUDE_PID");
        if (cp != null && cp.matches("\\d{1,9}") && ancestors.contains(Long.parseLong(cp))) {
            pids.add(Long.parseLong(cp));
        }
        for (long a : ancestors) {
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
