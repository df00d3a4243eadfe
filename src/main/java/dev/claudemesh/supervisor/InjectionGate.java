package dev.claudemesh.supervisor;

import dev.claudemesh.supervisor.GateDecision.Verdict;
import java.time.Duration;

/**
 * The typing guard: types into claude only when a task is pending, the session is idle, the user has been silent
 * for the whole silence window and the input line holds no draft. Pure: state in, decision out.
 */
public final class InjectionGate {
    public static final Duration DEFAULT_SILENCE = Duration.ofMillis(500);

    private final long silenceNanos;
    private final MonotonicClock clock;

    public InjectionGate(Duration silence, MonotonicClock clock) {
        if (silence.isNegative()) {
            throw new IllegalArgumentException("the silence window cannot be negative: " + silence);
        }
        this.silenceNanos = silence.toNanos();
        this.clock = clock;
    }

    /** Decides for the latest daemon state ({@code null} when none is known) and the user's input. */
    public GateDecision decide(FeedState state, InputSnapshot input) {
        if (state != null && state.pendingTasks() == 0) {
            return GateDecision.of(Verdict.NO_TASK);
        }
        return decideLeased(state, input);
    }

    /**
     * Decides for tasks this supervisor holds a lease on (the daemon no longer counts them as pending): the same
     * checks without the pending count.
     */
    public GateDecision decideLeased(FeedState state, InputSnapshot input) {
        if (state == null) {
            return GateDecision.of(Verdict.NO_STATE);
        }
        if (!state.idle()) {
            return GateDecision.of(Verdict.BUSY);
        }
        if (input.draft()) {
            return GateDecision.of(Verdict.DRAFT);
        }
        if (input.anyKey()) {
            long quiet = clock.nanos() - input.lastKeyNanos();
            if (quiet < silenceNanos) {
                return new GateDecision(Verdict.USER_ACTIVE, Duration.ofNanos(silenceNanos - quiet));
            }
        }
        return GateDecision.of(Verdict.INJECT);
    }
}
