package dev.claudemesh.supervisor;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/** The supervisor's view of the daemon, for one supervised session (implemented over the daemon's HTTP API). */
public interface TaskFeed extends AutoCloseable {
    /**
     * Blocks up to {@code timeout} until the session state has a sequence number above {@code afterSeq}, then
     * returns it; returns the current state at the timeout. With {@code afterSeq} below the current sequence (for
     * example -1) it returns at once.
     */
    FeedState await(long afterSeq, Duration timeout) throws IOException, InterruptedException;

    /** Leases the pending tasks for typing; empty if another path (the Stop waiter) got them first. */
    Optional<TypingLease> leaseTasks() throws IOException, InterruptedException;

    /** Gives back a lease that was not typed, so the tasks are pending again at once. */
    void release(TypingLease lease) throws IOException, InterruptedException;

    /** Detaches from the session (marks it unsupervised). */
    @Override
    default void close() throws IOException {}
}
