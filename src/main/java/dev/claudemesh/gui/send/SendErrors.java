package dev.claudemesh.gui.send;

import dev.claudemesh.client.ApiException;
import dev.claudemesh.client.DaemonUnavailableException;
import java.net.ConnectException;

/** Why a send failed, in words a person can act on, and whether retrying later is safe. */
final class SendErrors {
    private SendErrors() {}

    /** The daemon was not there at all, so the message cannot have been stored: sending again is safe. */
    static boolean safeToRetry(Throwable e) {
        if (!(e instanceof DaemonUnavailableException)) {
            return false;
        }
        Throwable c = e.getCause();
        return c == null || c instanceof ConnectException;
    }

    static String describe(Throwable e) {
        if (e instanceof ApiException a) {
            String m = a.getMessage();
            return switch (a.status()) {
                case 404 -> "Unknown target: " + m + ". Pick a session from the list.";
                case 409 ->
                    a.body() != null && a.body().has("candidates")
                            ? "More than one session matches: " + m + " Pick one from the list."
                            : "Refused to avoid a loop between agents: " + m;
                case 429 -> "Too many messages to this session just now: " + m;
                case 413 ->
                    "The message is too long: " + m + " Shorten it, or put the details in a file and"
                            + " send its path.";
                case 400 -> "The daemon refused the message: " + m;
                default -> "The daemon refused the message (" + a.status() + "): " + m;
            };
        }
        if (e instanceof DaemonUnavailableException) {
            return safeToRetry(e)
                    ? "The claudemesh daemon is not reachable. Your message is kept and will be sent when it is back."
                    : "The daemon stopped answering while sending (" + e.getMessage() + "). It is not known whether"
                            + " the message was stored: check the session's inbox before sending again. Your text is"
                            + " kept.";
        }
        return "Sending failed: " + e;
    }
}
