package dev.claudemesh.transcript;

import java.util.List;
import java.util.Objects;

/**
 * What a search found, in file order (oldest first).
 *
 * @param hits the matching entries
 * @param reachedMaxResults the search stopped at the result cap; more matches may exist further on
 * @param reachedTimeBudget the search stopped at its time bound before the end of the file
 * @param turnsScanned turns seen (all of them when the search was not cut short)
 * @param bytesScanned bytes of the transcript read
 * @param elapsedMillis wall time
 */
public record SearchResult(
        List<SearchHit> hits,
        boolean reachedMaxResults,
        boolean reachedTimeBudget,
        int turnsScanned,
        long bytesScanned,
        long elapsedMillis) {
    public SearchResult {
        hits = List.copyOf(Objects.requireNonNull(hits, "hits"));
    }

    /** Whether the whole transcript was searched. */
    public boolean complete() {
        return !reachedMaxResults && !reachedTimeBudget;
    }
}
