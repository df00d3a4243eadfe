package dev.claudemesh.supervisor;

import java.io.IOException;

/** Reads and sets the modes of the user's terminal (stdin/stdout), restoring them exactly. */
interface TerminalModes {
    /** Switches to raw mode (what {@code cfmakeraw} does). */
    void raw() throws IOException;

    /** Puts back the modes found at start, exactly (speed included); never fails. */
    void restore();

    WindowSize size();
}
