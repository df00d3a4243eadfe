package dev.claudemesh.transcript;

import java.util.List;
import java.util.Objects;

/**
 * The last turns of a transcript.
 *
 * @param totalTurns how many turns the transcript has (the last one is {@code totalTurns})
 * @param turns the requested turns, oldest first
 * @param redacted whether long output was cut and secrets masked
 */
public record TranscriptHistory(int totalTurns, List<Turn> turns, boolean redacted) {
    public TranscriptHistory {
        if (totalTurns < 0) {
            throw new IllegalArgumentException("totalTurns must be >= 0, got " + totalTurns + ".");
        }
        turns = List.copyOf(Objects.requireNonNull(turns, "turns"));
    }
}
