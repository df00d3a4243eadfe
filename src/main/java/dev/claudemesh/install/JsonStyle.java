package dev.claudemesh.install;

import java.util.Objects;

/**
 * How a JSON file is laid out, so a rewrite looks like the original: the indent unit ({@code ""} means
 * compact, as {@code JSON.stringify(value)}) and what follows the root value (e.g. a final newline).
 */
public record JsonStyle(String indent, String trailer) {
    /** What Claude Code writes: {@code JSON.stringify(value, null, 2)} with nothing after it. */
    public static final JsonStyle CLAUDE = new JsonStyle("  ", "");

    public JsonStyle {
        Objects.requireNonNull(indent, "indent");
        Objects.requireNonNull(trailer, "trailer");
        if (!indent.chars().allMatch(c -> c == ' ' || c == '\t')) {
            throw new IllegalArgumentException("indent must be spaces or tabs");
        }
        if (!trailer.isBlank()) {
            throw new IllegalArgumentException("trailer must be whitespace");
        }
    }

    /** Guesses the style of existing JSON text; blank or {@code {}} text gets {@link #CLAUDE}. */
    public static JsonStyle of(String text) {
        String body = text.strip();
        if (body.isEmpty() || body.equals("{}")) {
            return CLAUDE;
        }
        int end = text.length();
        while (end > 0 && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        String trailer = text.substring(end);
        int newline = body.indexOf('\n');
        if (newline < 0) {
            return new JsonStyle("", trailer);
        }
        int i = newline + 1;
        int start = i;
        while (i < body.length() && (body.charAt(i) == ' ' || body.charAt(i) == '\t')) {
            i++;
        }
        String indent = body.substring(start, i);
        return new JsonStyle(indent.isEmpty() ? CLAUDE.indent() : indent, trailer);
    }
}
