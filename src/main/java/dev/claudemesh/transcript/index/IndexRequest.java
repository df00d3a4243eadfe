package dev.claudemesh.transcript.index;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A search over every indexed transcript.
 *
 * @param query words, "quoted phrases" and prefix* (all must match), or an RE2 regex when {@code regex}
 * @param folder only sessions whose folder (last element of cwd) is this, ignoring case; null for all
 * @param since only turns that started at or after this; null for all
 * @param regex treat the query as an RE2 regular expression (the index narrows by its literal text)
 * @param limit at most this many hits (1-1000)
 * @param timeBudget how long a regex may search before the result is cut short
 */
public record IndexRequest(String query, String folder, Instant since, boolean regex, int limit, Duration timeBudget) {
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 1000;

    public IndexRequest {
        Objects.requireNonNull(query, "query");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be from 1 to " + MAX_LIMIT + ", got " + limit + ".");
        }
        Objects.requireNonNull(timeBudget, "timeBudget");
        folder = folder == null || folder.isBlank() ? null : folder.strip();
    }
}
