package dev.claudemesh.api;

/**
 * A transcript search as the search endpoint takes it. {@code redact} null leaves the daemon's default
 * (secrets masked).
 */
public record SearchQuery(String text, boolean regex, boolean caseSensitive, int context, int max, Boolean redact) {
    public SearchQuery {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("a search needs a query");
        }
    }
}
