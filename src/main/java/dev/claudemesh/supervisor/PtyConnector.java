package dev.claudemesh.supervisor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.OptionalInt;

/**
 * The tiny interface between a process running in a pseudo-terminal and whoever drives it (think jediterm's
 * TtyConnector): read what it prints, write what it should read, resize, and wait for its exit.
 */
public interface PtyConnector extends PtyWriter, AutoCloseable {
    /** Reads output; blocks until some is available; -1 once the child has exited and its output is drained. */
    int read(byte[] buffer, int offset, int length) throws IOException;

    /** Reads output into the buffer's remaining space; blocks like {@link #read(byte[], int, int)}. */
    default int read(ByteBuffer buffer) throws IOException {
        byte[] bytes = new byte[buffer.remaining()];
        int n = read(bytes, 0, bytes.length);
        if (n > 0) {
            buffer.put(bytes, 0, n);
        }
        return n;
    }

    /** How many bytes of output a read would return at once; 0 when unknown. */
    default int pending() {
        return 0;
    }

    void resize(WindowSize size) throws IOException;

    ProcessHandle process();

    boolean isAlive();

    /** The exit code; 128 + n when the child was killed by signal n. */
    int waitFor() throws InterruptedException;

    /** The exit code if the child ends within {@code timeout}. */
    OptionalInt waitFor(Duration timeout) throws InterruptedException;

    /** Sends SIGHUP, as a terminal that goes away would. */
    void hangup();

    /** Sends SIGTERM. */
    void terminate();

    /** Sends SIGKILL. */
    void kill();

    /** Releases the pseudo-terminal; the child should have exited. */
    @Override
    void close();
}
