package dev.claudemesh.message;

import dev.claudemesh.session.Ids;
import dev.claudemesh.session.InvalidInputException;

/** Who sent a message: a session id, or a human through the {@code cli} or the {@code tray}. */
public final class Sender {
    private Sender() {}

    public static String require(String from) {
        if (from == null || from.equals("cli") || from.equals("tray") || Ids.isClaudeId(from)) {
            return from == null ? "cli" : from;
        }
        throw new InvalidInputException(
                "sender must be a claudemesh id, 'cli' or 'tray', got '" + Ids.printable(from) + "'");
    }

    public static boolean isSession(String from) {
        return Ids.isClaudeId(from);
    }
}
