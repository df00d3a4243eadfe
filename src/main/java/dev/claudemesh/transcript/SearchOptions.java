package dev.claudemesh.transcript;

import java.time.Duration;
import java.util.Objects;

/**
 * How to search a transcript.
 *
 * @param regex treat the query as a re2j regular expression (linear time) instead of a plain substring
 * @param caseSensitive match case exactly (default: ignore case)
 * @param contextTurns how many turns before and after each hit's turn to summarize (0-20)
 * @param maxResults stop after this many hits (1-1000)
 * @param timeBudget stop after this long; the result then says it was cut short
 * @param redact mask secrets in snippets and summaries (default true)
 */
public record SearchOptions(
        boolean regex, boolean caseSensitive, int contextTurns, int maxResults, Duration timeBudget, boolean redact) {
    public static final int DEFAULT_MAX_RESULTS = 50;
    public static final Duration DEFAULT_TIME_BUDGET = Duration.ofSeconds(5);

    public SearchOptions {
        if (contextTurns < 0 || contextTurns > 20) {
            throw new IllegalArgumentException("contextTurns must be between 0 and 20, got " + contextTurns + ".");
        }
        if (maxResults < 1 || maxResults > 1000) {
            throw new IllegalArgumentException("maxResults must be between 1 and 1000, got " + maxResults + ".");
        }
        Objects.requireNonNull(timeBudget, "timeBudget");
        if (timeBudget.isNegative() || timeBudget.isZero()) {
            throw new IllegalArgumentException("timeBudget must be positive, got " + timeBudget + ".");
        }
    }

    /** Substring, case-insensitive, no context, 50 results, 5 s, redacted. */
    public static SearchOptions defaults() {
        return new SearchOptions(false, false, 0, DEFAULT_MAX_RESULTS, DEFAULT_TIME_BUDGET, true);
    }

    public SearchOptions withRegex(boolean value) {
        return new SearchOptions(value, caseSensitive, contextTurns, maxResults, timeBudget, redact);
    }

    public SearchOptions withCaseSensitive(boolean value) {
        return new SearchOptions(regex, value, contextTurns, maxResults, timeBudget, redact);
    }

    public SearchOptions withContextTurns(int value) {
        return new SearchOptions(regex, caseSensitive, value, maxResults, timeBudget, redact);
    }

    public SearchOptions withMaxResults(int value) {
        return new SearchOptions(regex, caseSensitive, contextTurns, value, timeBudget, redact);
    }

    public SearchOptions withTimeBudget(Duration value) {
        return new SearchOptions(regex, caseSensitive, contextTurns, maxResults, value, redact);
    }

    public SearchOptions withRedact(boolean value) {
        return new SearchOptions(regex, caseSensitive, contextTurns, maxResults, timeBudget, value);
    }
}
