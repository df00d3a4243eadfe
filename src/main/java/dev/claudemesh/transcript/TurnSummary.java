package dev.claudemesh.transcript;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Instant;
import java.util.Objects;

/**
 * A turn in one line: its number, start time and the beginning of its prompt (used as search context).
 *
 * @param index 1-based turn number
 * @param startedAt the prompt's timestamp (may be null)
 * @param prompt the start of the prompt text, whitespace collapsed, secrets masked unless raw was asked
 */
public record TurnSummary(
        int index,

        @JsonSerialize(using = InstantJson.Write.class) @JsonDeserialize(using = InstantJson.Read.class)
        Instant startedAt,

        String prompt) {
    public TurnSummary {
        if (index < 1) {
            throw new IllegalArgumentException("Turn indexes start at 1, got " + index + ".");
        }
        Objects.requireNonNull(prompt, "prompt");
    }
}
