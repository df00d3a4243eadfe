package dev.claudemesh.daemon;

import java.util.OptionalLong;

/**
 * {@code lost_stop_at}, sent by a background waiter that could not reach the daemon after its Stop: when that Stop
 * happened (epoch ms). Absent or not positive: the waiter never lost the daemon. A time in the future counts as now.
 */
final class LostStop {
    private LostStop() {}

    static OptionalLong at(long epochMillis) {
        return epochMillis > 0
                ? OptionalLong.of(Math.min(epochMillis, System.currentTimeMillis()))
                : OptionalLong.empty();
    }
}
