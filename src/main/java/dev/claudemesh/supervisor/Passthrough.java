package dev.claudemesh.supervisor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.time.Duration;

/**
 * Copies the user's terminal to claude's PTY and back, byte for byte, on dedicated threads. Input passes through
 * the {@link InputTracker} on its way in. Output from the PTY (all of claude's output when it does not write to the
 * terminal itself, see {@link OutputRoute}; else only what something else writes there) is never inspected: one
 * thread reads claude's PTY into a direct buffer and writes that same buffer to the terminal (no copy through the
 * Java heap). A Linux PTY hands over at
 * most 4 KiB per read; while a read comes back full and more is already waiting ({@link PtyConnector#pending()},
 * one {@code ioctl} per read), further reads fill the buffer first, so that a burst reaches the terminal in few
 * large writes and small interactive output goes on at once. Nothing is allocated per read or write; per 4 KiB
 * this costs 2.5 to 3 system calls (a read, an ioctl, part of a write), where util-linux {@code script} makes 6.
 *
 * <p>Both pumps read through interruptible channels: {@link #stop()} ends the input pump blocked on the terminal.
 * A thread left blocked in a native read would hold the JVM's exit back by 300 ms.
 */
final class Passthrough {
    static final int OUTPUT_BUFFER = 64 * 1024;
    /** A read at least this big probably emptied a full PTY buffer: more may be waiting. */
    static final int FULL_READ = 4000;

    static final long QUIET_MILLIS = 150;
    static final int INPUT_BUFFER = 8 * 1024;

    private final ReadableByteChannel hostIn;
    private final WritableByteChannel hostOut;
    private final PtyConnector pty;
    private final InputTracker tracker;
    private final Runnable suspendKeyTyped;
    private final Thread inputPump;
    private final Thread outputPump;
    private volatile long lastOutputNanos = System.nanoTime();
    private volatile boolean outputBroken;

    /** @param suspendKeyTyped run after input holding Ctrl-Z went to claude ({@link JobControl}) */
    Passthrough(
            ReadableByteChannel hostIn,
            WritableByteChannel hostOut,
            PtyConnector pty,
            InputTracker tracker,
            Runnable suspendKeyTyped) {
        this.hostIn = hostIn;
        this.hostOut = hostOut;
        this.pty = pty;
        this.tracker = tracker;
        this.suspendKeyTyped = suspendKeyTyped;
        this.inputPump = daemon(this::pumpInput, "claudemesh-pty-in");
        this.outputPump = daemon(this::pumpOutput, "claudemesh-pty-out");
    }

    /** Daemon threads: the input pump may stay blocked reading the terminal after claude is gone. */
    private static Thread daemon(Runnable body, String name) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }

    void start() {
        outputPump.start();
        inputPump.start();
    }

    /**
     * After claude exited: waits for its output to be drained to the terminal, but no longer than
     * {@code timeout}, and only while output still flows — a grandchild that keeps the PTY open without
     * writing (claude leaves such helpers behind) must not hold the user's shell back. False if not drained.
     */
    boolean awaitOutput(Duration timeout) throws InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        while (outputPump.isAlive() && System.nanoTime() < until) {
            outputPump.join(QUIET_MILLIS / 2);
            if (System.nanoTime() - lastOutputNanos > QUIET_MILLIS * 1_000_000L) {
                break;
            }
        }
        return !outputPump.isAlive();
    }

    /**
     * Ends the input pump: closes the terminal's input channel, which wakes the blocked read. Call once the
     * terminal's modes are restored; nothing may read the terminal through this process afterwards.
     */
    void stop() {
        try {
            hostIn.close();
        } catch (IOException e) {
            // closed already
        }
    }

    private void pumpInput() {
        byte[] bytes = new byte[INPUT_BUFFER];
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        try {
            int n;
            while ((n = hostIn.read(buffer.clear())) >= 0) {
                if (n > 0) {
                    tracker.observe(bytes, 0, n);
                    pty.write(bytes, 0, n);
                    if (JobControl.holdsSuspendKey(bytes, 0, n)) {
                        suspendKeyTyped.run();
                    }
                }
            }
        } catch (IOException e) {
            // the terminal or claude went away, or stop()
        }
    }

    private void pumpOutput() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(OUTPUT_BUFFER);
        try {
            while (true) {
                buffer.clear();
                int n = pty.read(buffer);
                if (n < 0) {
                    break;
                }
                while (n >= FULL_READ && buffer.remaining() >= FULL_READ && pty.pending() > 0) {
                    n = pty.read(buffer);
                }
                lastOutputNanos = System.nanoTime();
                buffer.flip();
                write(buffer);
                if (n < 0) {
                    break;
                }
            }
        } catch (IOException e) {
            // claude's side of the PTY closed
        }
    }

    private void write(ByteBuffer buffer) {
        try {
            while (!outputBroken && buffer.hasRemaining()) {
                hostOut.write(buffer);
            }
        } catch (IOException e) {
            // the terminal is gone: keep draining claude's output so that it never blocks on a full PTY
            outputBroken = true;
        }
    }
}
