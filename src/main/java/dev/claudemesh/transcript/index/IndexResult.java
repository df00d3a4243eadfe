package dev.claudemesh.transcript.index;

import java.util.List;

/**
 * What a search found, best first.
 *
 * @param hits the matching turns
 * @param truncated more matches exist than {@code limit}, or a regex search ran out of time
 * @param tookMillis time spent
 * @param ready whether the first full build of the index had finished (else hits may be missing)
 * @param lagMillis how long the oldest change not yet indexed has waited (0 when up to date)
 */
public record IndexResult(List<IndexHit> hits, boolean truncated, long tookMillis, boolean ready, long lagMillis) {
    public IndexResult {
        hits = List.copyOf(hits);
    }
}
