package dev.claudemesh.transcript;

import java.time.Instant;

/**
 * A stretch of one turn as the full-text index stores it: normally a whole turn, but a turn whose records span
 * more than the scanner's segment size is cut into several pieces at line boundaries (numbered from 0).
 *
 * @param turn the 1-based turn number (as {@link TranscriptReader} numbers them)
 * @param segment 0 for the piece that starts with the prompt, then 1, 2, ... for the rest of a long turn
 * @param start file offset of the piece's first line
 * @param end file offset just past its last line
 * @param startedAt the turn's prompt time (null when unknown)
 * @param cwd the working folder the records name (null when none did)
 * @param user the prompt text (empty for pieces after the first)
 * @param assistant the model's text
 * @param tool tool calls (name and input), tool output and harness context
 */
public record TurnPiece(
        int turn,
        int segment,
        long start,
        long end,
        Instant startedAt,
        String cwd,
        String user,
        String assistant,
        String tool) {
    /** The text of one role: {@code user}, {@code assistant} or {@code tool}. */
    public String text(String role) {
        return switch (role) {
            case "user" -> user;
            case "assistant" -> assistant;
            case "tool" -> tool;
            default -> throw new IllegalArgumentException("unknown role " + role);
        };
    }
}
