package dev.claudemesh.transcript;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a {@link TurnEntry} is; serialized in lower case ({@code tool_use}, ...). */
public enum EntryRole {
    /** The prompt the user typed (the first entry of every turn). */
    USER,
    /** Text the model wrote. */
    ASSISTANT,
    /** A tool call: {@code name} is the tool, {@code text} its input as compact JSON. */
    TOOL_USE,
    /** A tool's output: {@code name} is the tool when known; errors start with {@code [error]}. */
    TOOL_RESULT,
    /**
     * Something the harness added: hook context or blocking errors, command output, interruption notices,
     * compaction summaries, meta messages. {@code name} says which kind.
     */
    CONTEXT;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
