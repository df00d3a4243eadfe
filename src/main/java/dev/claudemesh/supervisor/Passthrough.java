package dev.claudemesh.supervisor;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;

/**
 * Copies the user's terminal to claude's PTY and back, byte for byte, on two dedicated threads with large buffers.
 * Input passes through the {@link InputTracker} on its way in; output is never inspected.
 */
final class Passthrough {
    static final int OUTPUT_BUFFER = 64 * 1024;
    static final int INPUT_BUFFER = 8 * 1024;

    private final InputStream hostIn;
    private final OutputStream hostOut;
    private final PtyConnector pty;
    private final InputTracker tracker;
    private final Thread inputPump;
    private final Thread outputPump;
    private volatile boolean outputBroken;

    Passthrough(InputStream hostIn, OutputStream hostOut, PtyConnector pty, InputTracker tracker) {
        this.hostIn = hostIn;
        this.hostOut = hostOut;
        this.pty = pty;
        this.tracker = tracker;
        this.inputPump = new Thread(this::pumpInput, "claudemesh-pty-in");
        this.outputPump = new Thread(this::pumpOutput, "claudemesh-pty-out");
        inputPump.setDaemon(true); // it may stay blocked reading the terminal after claude is gone
        outputPump.setDaemon(true);
    }

    void start() {
        outputPump.start();
        inputPump.start();
    }

    /** Waits for claude's output to be drained to the terminal; false if it did not end within {@code timeout}. */
    boolean awaitOutput(Duration timeout) throws InterruptedException {
        outputPump.join(Math.max(1, timeout.toMillis()));
        return !outputPump.isAlive();
    }

    private void pumpInput() {
        byte[] buffer = new byte[INPUT_BUFFER];
        try {
            int n;
            while ((n = hostIn.read(buffer)) >= 0) {
                if (n > 0) {
                    tracker.observe(buffer, 0, n);
                    pty.write(buffer, 0, n);
                }
            }
        } catch (IOException e) {
            // the terminal or claude went away
        }
    }

    private void pumpOutput() {
        byte[] buffer = new byte[OUTPUT_BUFFER];
        try {
            int n;
            while ((n = pty.read(buffer, 0, buffer.length)) >= 0) {
                if (n > 0 && !outputBroken) {
                    write(buffer, n);
                }
            }
        } catch (IOException e) {
            // claude's side of the PTY closed
        }
    }

    private void write(byte[] buffer, int n) {
        try {
            hostOut.write(buffer, 0, n);
        } catch (IOException e) {
            // the terminal is gone: keep draining claude's output so that it never blocks on a full PTY
            outputBroken = true;
        }
    }
}
