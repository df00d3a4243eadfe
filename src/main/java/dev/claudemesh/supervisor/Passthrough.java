package dev.claudemesh.supervisor;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Copies the user's terminal to claude's PTY and back, byte for byte, on dedicated threads with large buffers.
 * Input passes through the {@link InputTracker} on its way in. Output is never inspected; one thread reads it
 * from the PTY and another writes it to the terminal, handing over a ring of buffers, so that reading claude's
 * PTY and writing the user's terminal overlap. A Linux PTY hands over at most 4 KiB per read; each chunk goes on
 * at once (gathering more first measured slower).
 */
final class Passthrough {
    static final int OUTPUT_BUFFER = 8 * 1024;
    static final long QUIET_MILLIS = 150;
    /**
     * Output is written by the thread that reads it: measured faster on 2 cores than handing chunks to a
     * writer thread (0.66-0.77x vs 0.62-0.69x of a direct run). {@code -Dclaudemesh.pty.pipelined=true}
     * brings the hand-off back for comparison.
     */
    static final boolean DIRECT = !Boolean.getBoolean("claudemesh.pty.pipelined");

    static final int OUTPUT_BUFFERS = 32;
    static final int INPUT_BUFFER = 8 * 1024;

    private record Chunk(byte[] bytes, int length) {}

    private static final Chunk END = new Chunk(new byte[0], -1);

    private final InputStream hostIn;
    private final OutputStream hostOut;
    private final PtyConnector pty;
    private final InputTracker tracker;
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(OUTPUT_BUFFERS);
    private final BlockingQueue<Chunk> filled = new ArrayBlockingQueue<>(OUTPUT_BUFFERS + 1);
    private final Thread inputPump;
    private final Thread outputReader;
    private final Thread outputWriter;
    private volatile long lastOutputNanos = System.nanoTime();
    private volatile boolean outputBroken;

    Passthrough(InputStream hostIn, OutputStream hostOut, PtyConnector pty, InputTracker tracker) {
        this.hostIn = hostIn;
        this.hostOut = hostOut;
        this.pty = pty;
        this.tracker = tracker;
        for (int i = 0; i < OUTPUT_BUFFERS; i++) {
            free.add(new byte[OUTPUT_BUFFER]);
        }
        this.inputPump = daemon(this::pumpInput, "claudemesh-pty-in");
        this.outputReader = daemon(this::readOutput, "claudemesh-pty-out");
        this.outputWriter = daemon(this::writeOutput, "claudemesh-terminal-out");
    }

    /** Daemon threads: the input pump may stay blocked reading the terminal after claude is gone. */
    private static Thread daemon(Runnable body, String name) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }

    void start() {
        outputWriter.start();
        outputReader.start();
        inputPump.start();
    }

    /**
     * After claude exited: waits for its output to be drained to the terminal, but no longer than
     * {@code timeout}, and only while output still flows — a grandchild that keeps the PTY open without
     * writing (claude leaves such helpers behind) must not hold the user's shell back. False if not drained.
     */
    boolean awaitOutput(Duration timeout) throws InterruptedException {
        Thread drain = DIRECT ? outputReader : outputWriter;
        long until = System.nanoTime() + timeout.toNanos();
        while (drain.isAlive() && System.nanoTime() < until) {
            drain.join(QUIET_MILLIS / 2);
            if (System.nanoTime() - lastOutputNanos > QUIET_MILLIS * 1_000_000L) {
                break;
            }
        }
        return !drain.isAlive();
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

    private void readOutput() {
        try {
            while (true) {
                byte[] buffer = free.take();
                int n = pty.read(buffer, 0, buffer.length);
                if (n < 0) {
                    break;
                }
                lastOutputNanos = System.nanoTime();
                if (DIRECT) {
                    write(new Chunk(buffer, n));
                    free.put(buffer);
                    continue;
                }
                filled.put(new Chunk(buffer, n));
            }
        } catch (IOException e) {
            // claude's side of the PTY closed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            filled.offer(END);
        }
    }

    private void writeOutput() {
        try {
            Chunk chunk;
            while ((chunk = filled.take()) != END) {
                if (!outputBroken) {
                    write(chunk);
                }
                free.put(chunk.bytes());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void write(Chunk chunk) {
        try {
            hostOut.write(chunk.bytes(), 0, chunk.length());
        } catch (IOException e) {
            // the terminal is gone: keep draining claude's output so that it never blocks on a full PTY
            outputBroken = true;
        }
    }
}
