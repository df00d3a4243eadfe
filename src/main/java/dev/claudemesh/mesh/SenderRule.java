package dev.claudemesh.mesh;

import dev.claudemesh.message.Sender;
import dev.claudemesh.session.Ids;
import dev.claudemesh.session.Reason;

/**
 * Who a message is from, given what the request claims ({@code from}, may be absent) and who the daemon learned
 * the caller is:
 *
 * <ul>
 *   <li>a process inside claude session A sends as A: no {@code from}, {@code "cli"} or {@code A} all become A
 *       ({@code "cli"} is what a client sends when it found no session of its own, so the daemon, knowing better,
 *       corrects it); another session's id or {@code "tray"} is refused;
 *   <li>the tray app sends as {@code "tray"} or {@code "cli"} (no {@code from}: {@code "cli"}), never as a session;
 *   <li>any other process is a person at a terminal: {@code "cli"}; a session's id or {@code "tray"} is refused;
 *   <li>where callers cannot be learned at all ({@link Caller.Kind#UNDERIVABLE}) the claim is taken as it is.
 * </ul>
 *
 * A claim that is no sender at all is an {@code InvalidInputException}; a refused one a {@link RefusedException}
 * with {@link Reason#SENDER_MISMATCH} saying what was claimed and who the caller is.
 */
public final class SenderRule {
    private SenderRule() {}

    public static String sender(String claimed, Caller caller) {
        String valid = claimed == null ? null : Sender.require(claimed);
        return switch (caller.kind()) {
            case UNDERIVABLE -> Sender.require(claimed);
            case SESSION -> {
                if (valid == null || valid.equals("cli") || valid.equals(caller.sessionId())) {
                    yield caller.sessionId();
                }
                throw refused(
                        valid,
                        caller.describe() + ", which runs in claude session " + caller.sessionId() + " ("
                                + Ids.printable(caller.folder()) + "); a session sends only as itself (leave from"
                                + " out)");
            }
            case TRAY -> {
                if (valid == null || valid.equals("cli") || valid.equals("tray")) {
                    yield valid == null ? "cli" : valid;
                }
                throw refused(valid, caller.describe() + ", the tray app, which runs in no claude session");
            }
            case PERSON -> {
                if (valid == null || valid.equals("cli")) {
                    yield "cli";
                }
                throw refused(
                        valid,
                        caller.describe() + ", which has no claude session among its ancestors"
                                + (valid.equals("tray") ? " and is not the tray app" : "")
                                + "; it sends as a person at a terminal (leave from out)");
            }
            case UNKNOWN -> {
                if (valid == null || valid.equals("cli")) {
                    yield "cli";
                }
                throw refused(
                        valid,
                        "a process the daemon could not identify (it may have exited, or belongs to another"
                                + " user); only a person at a terminal can be such a sender (leave from out)");
            }
        };
    }

    private static RefusedException refused(String claimed, String caller) {
        String who = claimed.equals("tray") ? "the tray app" : "session " + claimed;
        return new RefusedException(
                Reason.SENDER_MISMATCH,
                "this request claims to be from " + who + " (from: '" + claimed + "'), but it comes from " + caller);
    }
}
