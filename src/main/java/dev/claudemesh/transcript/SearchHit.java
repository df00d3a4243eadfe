package dev.claudemesh.transcript;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One entry that matched.
 *
 * @param turnIndex the 1-based turn it is in (use {@code getTurn} to read it whole)
 * @param role what kind of entry matched
 * @param name tool name / context kind when known (tool results found by search carry no tool name)
 * @param at the record's timestamp (may be null)
 * @param snippet the match with some text around it, on one line, secrets masked unless raw was asked
 * @param context summaries of the requested turns before and after, oldest first (empty without context)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SearchHit(
        int turnIndex,
        EntryRole role,
        String name,

        @JsonSerialize(using = InstantJson.Write.class) @JsonDeserialize(using = InstantJson.Read.class)
        Instant at,

        String snippet,
        List<TurnSummary> context) {
    public SearchHit {
        if (turnIndex < 1) {
            throw new IllegalArgumentException("Turn indexes start at 1, got " + turnIndex + ".");
        }
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(snippet, "snippet");
        context = List.copyOf(Objects.requireNonNull(context, "context"));
    }
}
