package dev.claudemesh.transcript;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Instant;
import java.util.Objects;

/**
 * One readable piece of a turn.
 *
 * @param role what it is
 * @param at the record's timestamp (null when the record had none)
 * @param name tool name for {@code tool_use}/{@code tool_result} (when known), kind of context for
 *     {@code context} (e.g. {@code hook_additional_context}, {@code local_command}); null otherwise
 * @param text the content; tool inputs are compact JSON
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TurnEntry(
        EntryRole role,

        @JsonSerialize(using = InstantJson.Write.class) @JsonDeserialize(using = InstantJson.Read.class)
        Instant at,

        String name,
        String text) {
    public TurnEntry {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(text, "text");
    }

    public TurnEntry withText(String newText) {
        return new TurnEntry(role, at, name, newText);
    }
}
