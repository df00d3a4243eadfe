package dev.claudemesh.daemon;

import dev.claudemesh.session.Reason;

/** The one mapping from the core's reasons to HTTP statuses. */
final class ErrorStatus {
    private ErrorStatus() {}

    static int of(Reason reason) {
        return switch (reason) {
            case INVALID_INPUT, SELF_SEND -> 400;
            case PATH_REFUSED, SENDER_MISMATCH -> 403;
            case NOT_FOUND -> 404;
            case AMBIGUOUS_TARGET, HOP_LIMIT -> 409;
            case TOO_LARGE -> 413;
            case RATE_LIMITED -> 429;
        };
    }
}
