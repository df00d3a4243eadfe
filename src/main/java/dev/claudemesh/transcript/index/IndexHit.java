package dev.claudemesh.transcript.index;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One matching turn (one role's text of it).
 *
 * @param sessionId Claude Code's session id (the transcript's file name)
 * @param folder the session's folder (last element of cwd)
 * @param cwd its working folder, or null when the transcript names none
 * @param turn the 1-based turn number, as history and get_turn number them
 * @param time when the turn's prompt was written (null when unknown)
 * @param role {@code user}, {@code assistant} or {@code tool} (tool calls, tool output and harness context)
 * @param snippet the match with text around it, on one line, secrets masked
 * @param highlights [start, end) char offsets into {@code snippet} of what matched
 */
public record IndexHit(
        String sessionId,
        String folder,
        String cwd,
        int turn,
        Instant time,
        String role,
        String snippet,
        List<int[]> highlights) {
    public IndexHit {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(snippet, "snippet");
        highlights = List.copyOf(highlights);
    }
}
