package dev.claudemesh.mesh;

import dev.claudemesh.session.BuiltinMessaging;
import dev.claudemesh.session.Ids;
import dev.claudemesh.session.InvalidInputException;
import java.util.List;

/**
 * The fields of claude's hook stdin that claudemesh uses, plus the process facts the hook adds and what it
 * saw of Claude Code's own messaging ({@code builtin}; null from a hook that does not report it).
 */
public record HookInput(
        String event,
        String sessionId,
        String cwd,
        String transcriptPath,
        String source,
        String prompt,
        boolean stopHookActive,
        String reason,
        Long claudePid,
        List<Long> ancestors,
        Long hookPid,
        BuiltinMessaging builtin) {
    public static final List<String> EVENTS =
            List.of("SessionStart", "UserPromptSubmit", "Stop", "SessionEnd", "StatusLine");

    public HookInput {
        if (!EVENTS.contains(event)) {
            throw new InvalidInputException("unknown hook event '" + Ids.printable(event) + "'; known: " + EVENTS);
        }
        Ids.requireSessionId(sessionId);
        if (ancestors == null) {
            ancestors = List.of();
        } else if (!(ancestors instanceof dev.claudemesh.session.LazyAncestors)) { // read from /proc when asked
            ancestors = List.copyOf(ancestors);
            for (long a : ancestors) {
                Ids.requirePid(a);
            }
        }
        if (claudePid != null) {
            Ids.requirePid(claudePid);
        }
        if (prompt != null && prompt.length() > 10_000_000) {
            throw new InvalidInputException("prompt is too long");
        }
    }
}
