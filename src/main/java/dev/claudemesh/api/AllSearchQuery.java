package dev.claudemesh.api;

/**
 * A search of every session's transcript, as {@code GET /v1/search} takes it.
 *
 * @param text words, "quoted phrases" and prefix* (all must match), or a regex with {@code regex}
 * @param folder only sessions in this folder (last part of the working folder, any case); null for all
 * @param since only turns this recent: {@code 30m}, {@code 2h}, {@code 2d}, {@code 1w} or an ISO-8601 date/time;
 *     null for all
 * @param regex the text is an RE2 regular expression
 * @param limit at most this many hits (null: the daemon's default, 20)
 */
public record AllSearchQuery(String text, String folder, String since, boolean regex, Integer limit) {
    public AllSearchQuery {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("a search needs a query");
        }
    }
}
