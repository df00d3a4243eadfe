package dev.claudemesh.supervisor;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** A daemon stand-in: a session state the test changes, leases the test queues, every call counted. */
final class FakeFeed implements TaskFeed {
    private FeedState state = new FeedState(1, true, 0);
    private final Deque<Optional<TypingLease>> leases = new ArrayDeque<>();
    private final List<TypingLease> released = new ArrayList<>();
    private int awaitCalls;
    private int leaseCalls;
    private int failNextAwaits;
    private Runnable onLease = () -> {};

    /** A new state; going busy counts as claude taking a prompt (UserPromptSubmit). */
    synchronized void set(boolean idle, int pending) {
        long prompts = state.promptsTaken() + (idle ? 0 : 1);
        state = new FeedState(state.seq() + 1, idle, pending, prompts);
        notifyAll();
    }

    synchronized void queueLease(TypingLease lease) {
        leases.add(Optional.of(lease));
    }

    synchronized void queueNoLease() {
        leases.add(Optional.empty());
    }

    synchronized void onLease(Runnable action) {
        onLease = action;
    }

    synchronized void failNextAwaits(int count) {
        failNextAwaits = count;
    }

    synchronized int awaitCalls() {
        return awaitCalls;
    }

    synchronized int leaseCalls() {
        return leaseCalls;
    }

    synchronized List<TypingLease> released() {
        return List.copyOf(released);
    }

    @Override
    public synchronized FeedState await(long afterSeq, Duration timeout) throws IOException, InterruptedException {
        awaitCalls++;
        if (failNextAwaits > 0) {
            failNextAwaits--;
            throw new IOException("daemon unreachable");
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (state.seq() <= afterSeq) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return state;
    }

    @Override
    public Optional<TypingLease> leaseTasks() {
        Runnable action;
        synchronized (this) {
            leaseCalls++;
            action = onLease;
        }
        action.run();
        synchronized (this) {
            Optional<TypingLease> next = leases.isEmpty() ? Optional.empty() : leases.poll();
            if (next.isPresent()) {
                state = new FeedState(
                        state.seq() + 1, state.idle(), 0, state.promptsTaken()); // leased tasks are no longer pending
                notifyAll();
            }
            return next;
        }
    }

    @Override
    public synchronized void release(TypingLease lease) {
        released.add(lease);
        state = new FeedState(
                state.seq() + 1,
                state.idle(),
                state.pendingTasks() + lease.messageIds().size());
        notifyAll();
    }
}
