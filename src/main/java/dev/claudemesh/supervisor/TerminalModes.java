package dev.claudemesh.supervisor;

import java.io.IOException;

/** Reads and sets the modes of the user's terminal (stdin/stdout), restoring them exactly. */
interface TerminalModes {
    /**
     * Switches to raw mode (what {@code cfmakeraw} does); after {@link #keepOutputProcessing()} returned true, with
     * the output processing left as found.
     */
    void raw() throws IOException;

    /**
     * Asks raw mode to leave the output processing as found, for a program that writes to this terminal itself;
     * false where that cannot be done exactly (then raw mode stays {@code cfmakeraw}'s). Call before {@link #raw()}.
     */
    default boolean keepOutputProcessing() {
        return false;
    }

    /** Puts back the modes found at start, exactly (speed included); never fails. */
    void restore();

    WindowSize size();
}
