package dev.claudemesh.supervisor;

import java.time.Duration;
import java.util.Objects;

/**
 * Whether to type a task into claude now and, if not, why.
 *
 * @param verdict the outcome
 * @param retryIn for {@link Verdict#USER_ACTIVE}: how long until the silence window has passed; zero otherwise
 */
public record GateDecision(Verdict verdict, Duration retryIn) {
    public enum Verdict {
        INJECT("all clear"),
        NO_STATE("no session state from the daemon yet"),
        NO_TASK("no task pending"),
        BUSY("claude is working (not idle)"),
        DRAFT("the input line holds a draft"),
        USER_ACTIVE("the user pressed a key within the silence window");

        private final String reason;

        Verdict(String reason) {
            this.reason = reason;
        }
    }

    public GateDecision {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(retryIn, "retryIn");
        if (retryIn.isNegative() || (verdict != Verdict.USER_ACTIVE && !retryIn.isZero())) {
            throw new IllegalArgumentException("retryIn " + retryIn + " does not fit verdict " + verdict);
        }
    }

    public static GateDecision of(Verdict verdict) {
        return new GateDecision(verdict, Duration.ZERO);
    }

    public boolean inject() {
        return verdict == Verdict.INJECT;
    }

    /** A short sentence for logs. */
    public String reason() {
        return verdict == Verdict.USER_ACTIVE
                ? verdict.reason + " (" + retryIn.toMillis() + " ms to go)"
                : verdict.reason;
    }
}
