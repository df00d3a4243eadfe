package dev.claudemesh.supervisor;

import dev.claudemesh.supervisor.GateDecision.Verdict;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Types pending tasks into claude when the typing guard allows. Event-driven: a watcher thread blocks in {@link
 * TaskFeed#await} and the decision thread wakes on daemon state changes and on the user's keys; the only local
 * timers are the rest of the silence window when the user typed recently, the wait for claude to take a typed
 * prompt, and a retry after a daemon error. It leases before typing, re-checks the guard with the PTY held, gives
 * the lease back if the user came first, and never acks (the daemon does when claude's UserPromptSubmit carries
 * the message ids).
 */
public final class DeliveryLoop implements Runnable {
    private static final long UNTIL_CHANGE = -1;
    private static final long AGAIN = 0;
    private static final long ERROR_RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long MAX_BACKOFF_MILLIS = 30_000;

    private final TaskFeed feed;
    private final InputTracker input;
    private final InjectionGate gate;
    private final PasteTyper typist;
    private final SupervisorListener listener;
    private final MonotonicClock clock;
    private final Duration awaitTimeout;
    private final long submitTimeoutNanos;

    private final Object lock = new Object();
    private final Runnable onInput = this::changed;
    private FeedState state;
    private long changes;
    private boolean stopped;
    private boolean awaitingSubmit;

    private long typedAtNanos;
    private long noLeaseSeq = Long.MIN_VALUE;
    private Verdict lastVerdict;

    /**
     * @param awaitTimeout how long one {@link TaskFeed#await} may block (the long-poll length)
     * @param submitTimeout after typing, how long to wait for claude to take the prompt (the daemon reports the
     *     session busy) before the guard may type again
     */
    public DeliveryLoop(
            TaskFeed feed,
            InputTracker input,
            InjectionGate gate,
            PasteTyper typist,
            SupervisorListener listener,
            MonotonicClock clock,
            Duration awaitTimeout,
            Duration submitTimeout) {
        this.feed = feed;
        this.input = input;
        this.gate = gate;
        this.typist = typist;
        this.listener = listener;
        this.clock = clock;
        this.awaitTimeout = awaitTimeout;
        this.submitTimeoutNanos = submitTimeout.toNanos();
    }

    /** Runs until {@link #stop()}, an interrupt, or a failed write to the PTY. */
    @Override
    public void run() {
        Thread watcher = new Thread(this::watch, "claudemesh-feed");
        watcher.setDaemon(true);
        input.addListener(onInput);
        watcher.start();
        try {
            decide();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            listener.problem("typing into claude failed; realtime delivery stops", e);
        } finally {
            stop();
            watcher.interrupt();
            input.removeListener(onInput);
        }
    }

    public void stop() {
        synchronized (lock) {
            stopped = true;
            lock.notifyAll();
        }
    }

    private void watch() {
        long seq = -1;
        long backoff = 1000;
        while (!isStopped()) {
            try {
                FeedState next = feed.await(seq, awaitTimeout);
                backoff = 1000;
                seq = next.seq();
                publish(next);
            } catch (IOException e) {
                publish(null);
                listener.problem("cannot reach the daemon, retrying in " + backoff + " ms", e);
                try {
                    sleepUnlessStopped(backoff);
                } catch (InterruptedException ie) {
                    return;
                }
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
                seq = -1;
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void publish(FeedState next) {
        boolean submitted;
        synchronized (lock) {
            FeedState previous = state;
            state = next;
            submitted = next != null && previous != null && next.promptTakenSince(previous);
            if (submitted || (next != null && !next.idle())) {
                awaitingSubmit = false;
            }
            changes++;
            lock.notifyAll();
        }
        if (submitted) {
            input.promptSubmitted();
        }
    }

    private void changed() {
        synchronized (lock) {
            changes++;
            lock.notifyAll();
        }
    }

    private void decide() throws IOException, InterruptedException {
        while (true) {
            FeedState current;
            long seen;
            boolean awaiting;
            synchronized (lock) {
                if (stopped) {
                    return;
                }
                current = state;
                seen = changes;
                awaiting = awaitingSubmit;
            }
            long wait = evaluate(current, awaiting);
            if (wait == AGAIN) {
                continue;
            }
            synchronized (lock) {
                if (stopped) {
                    return;
                }
                if (changes == seen) {
                    if (wait == UNTIL_CHANGE) {
                        lock.wait();
                    } else {
                        TimeUnit.NANOSECONDS.timedWait(lock, wait);
                    }
                }
            }
        }
    }

    /** Acts on one state; returns how long to wait for the next change (or {@link #UNTIL_CHANGE}, {@link #AGAIN}). */
    private long evaluate(FeedState current, boolean awaiting) throws IOException, InterruptedException {
        if (awaiting) {
            long left = typedAtNanos + submitTimeoutNanos - clock.nanos();
            if (left > 0) {
                return left;
            }
            synchronized (lock) {
                awaitingSubmit = false;
            }
        }
        if (current != null && current.seq() == noLeaseSeq) {
            return UNTIL_CHANGE;
        }
        GateDecision decision = gate.decide(current, input.snapshot());
        report(decision);
        return switch (decision.verdict()) {
            case INJECT -> deliver(current);
            case USER_ACTIVE -> Math.max(1, decision.retryIn().toNanos());
            default -> UNTIL_CHANGE;
        };
    }

    private long deliver(FeedState current) throws IOException, InterruptedException {
        Optional<TypingLease> leased;
        try {
            leased = feed.leaseTasks();
        } catch (IOException e) {
            listener.problem("leasing tasks failed, retrying in 1 s", e);
            return ERROR_RETRY_NANOS;
        }
        if (leased.isEmpty()) {
            noLeaseSeq = current.seq();
            return UNTIL_CHANGE;
        }
        TypingLease lease = leased.get();
        GateDecision[] recheck = new GateDecision[1];
        boolean typed = typist.type(lease.renderedText(), () -> {
            recheck[0] = gate.decideLeased(latestState(), input.snapshot());
            return recheck[0].inject();
        });
        if (!typed) {
            report(recheck[0]);
            try {
                feed.release(lease);
            } catch (IOException e) {
                listener.problem("giving back lease " + lease.leaseId() + " failed; it expires on its own", e);
            }
            listener.released(lease, recheck[0]);
            return AGAIN;
        }
        typedAtNanos = clock.nanos();
        synchronized (lock) {
            awaitingSubmit = true;
        }
        listener.delivered(lease);
        return AGAIN;
    }

    private void report(GateDecision decision) {
        if (decision.verdict() != lastVerdict) {
            lastVerdict = decision.verdict();
            listener.gateChanged(decision);
        }
    }

    private FeedState latestState() {
        synchronized (lock) {
            return state;
        }
    }

    private boolean isStopped() {
        synchronized (lock) {
            return stopped;
        }
    }

    private void sleepUnlessStopped(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        synchronized (lock) {
            long left;
            while (!stopped && (left = deadline - System.nanoTime()) > 0) {
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
        }
    }
}
