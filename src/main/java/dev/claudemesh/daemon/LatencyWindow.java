package dev.claudemesh.daemon;

import java.util.Arrays;

/**
 * The daemon-side handling time of the last {@link #SIZE} requests of one kind (sends), so a benchmark
 * or {@code /v1/health} can tell the daemon's own latency from a client's scheduling delays.
 */
final class LatencyWindow {
    static final int SIZE = 8192;

    private final long[] nanos = new long[SIZE];
    private long count;

    synchronized void record(long elapsedNanos) {
        nanos[(int) (count++ % SIZE)] = elapsedNanos;
    }

    /** {p50, p99, max} in microseconds over the window; zeros when nothing was recorded. */
    synchronized long[] percentilesMicros() {
        int n = (int) Math.min(count, SIZE);
        if (n == 0) {
            return new long[3];
        }
        long[] v = Arrays.copyOf(nanos, n);
        Arrays.sort(v);
        return new long[] {v[n / 2] / 1000, v[Math.min(n - 1, (int) (n * 0.99))] / 1000, v[n - 1] / 1000};
    }
}
