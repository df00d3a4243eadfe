package dev.claudemesh.transcript;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A user prompt and everything up to the next prompt. Turns are numbered from 1 at the start of the file; the
 * number of a turn never changes as the transcript grows. Records before the first prompt (session setup) belong
 * to no turn.
 *
 * @param index 1-based position of the prompt in the transcript
 * @param startedAt the prompt's timestamp (null if the record had none)
 * @param entries the prompt (first, role {@code user}) then assistant text, tool calls and results, context
 */
public record Turn(
        int index,

        @JsonSerialize(using = InstantJson.Write.class) @JsonDeserialize(using = InstantJson.Read.class)
        Instant startedAt,

        List<TurnEntry> entries) {
    public Turn {
        if (index < 1) {
            throw new IllegalArgumentException("Turn indexes start at 1, got " + index + ".");
        }
        entries = List.copyOf(Objects.requireNonNull(entries, "entries"));
    }

    /** The prompt text (the first user entry), or an empty string. */
    public String prompt() {
        return entries.stream()
                .filter(e -> e.role() == EntryRole.USER)
                .map(TurnEntry::text)
                .findFirst()
                .orElse("");
    }
}
