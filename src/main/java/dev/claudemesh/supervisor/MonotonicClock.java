package dev.claudemesh.supervisor;

/** A monotonic nanosecond clock; injected so that timing decisions can be tested without sleeping. */
@FunctionalInterface
public interface MonotonicClock {
    long nanos();

    static MonotonicClock system() {
        return System::nanoTime;
    }
}
