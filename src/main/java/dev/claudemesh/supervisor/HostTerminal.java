package dev.claudemesh.supervisor;

import java.io.IOException;

/**
 * The user's terminal: raw mode while claude runs (no echo, no line editing, no signals from keys: every byte reaches
 * claude unchanged; no output processing either, unless claude writes to the terminal itself), restored exactly on
 * the way out; its size, and the signals that tell about changes (SIGWINCH) or a resume after a stop (SIGCONT, when
 * a shell may have reset the modes).
 */
final class HostTerminal implements AutoCloseable {
    private final TerminalModes modes;
    private final SignalHandlers signals = new SignalHandlers();
    private volatile boolean rawActive;

    private HostTerminal(TerminalModes modes) {
        this.modes = modes;
    }

    /** Saves the terminal's modes; stdin and stdout must be terminals. */
    static HostTerminal open() throws IOException {
        TerminalModes modes;
        try {
            modes = NativeTerminalModes.open();
        } catch (IOException e) {
            modes = SttyTerminalModes.open();
        }
        return new HostTerminal(modes);
    }

    WindowSize size() {
        return modes.size();
    }

    /**
     * Leaves the terminal's output processing as found in raw mode, for a claude that writes to this terminal
     * itself ({@link OutputRoute}); false where that cannot be done exactly. Call before {@link #enterRaw()}.
     */
    boolean keepOutputProcessing() {
        return modes.keepOutputProcessing();
    }

    void enterRaw() throws IOException {
        rawActive = true;
        modes.raw();
    }

    /** Puts the terminal back as it was; safe to call many times, from any thread, on a terminal that is gone. */
    void restore() {
        rawActive = false;
        modes.restore();
    }

    /** Runs {@code action} on every SIGWINCH. */
    void onResize(Runnable action) {
        signals.handle("WINCH", action);
    }

    /** After SIGCONT: raw mode again (if it was on), then {@code alsoRun}. */
    void reapplyRawOnContinue(Runnable alsoRun) {
        signals.handle("CONT", () -> {
            if (rawActive) {
                try {
                    modes.raw();
                } catch (IOException e) {
                    // the terminal is gone
                }
            }
            alsoRun.run();
        });
    }

    /** Restores the modes and the signal handlers found before. */
    @Override
    public void close() {
        restore();
        signals.close();
    }
}
