package dev.claudemesh.mcp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The real stdout of the MCP server, written only in whole lines: the SDK's bytes are held until their newline,
 * and {@link #writeLine} (answers to unparseable input) never lands in the middle of an SDK message. Counts the
 * SDK's responses so the server can answer every request before it exits.
 */
final class ProtocolOutput extends OutputStream {
    private final OutputStream real;
    private static final byte[] RESPONSE_PREFIX = "{\"jsonrpc\":\"2.0\",\"id\":".getBytes(StandardCharsets.US_ASCII);

    private final ByteArrayOutputStream pending = new ByteArrayOutputStream(4096);
    private long responses;

    ProtocolOutput(OutputStream real) {
        this.real = real;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        pending.write(b);
        if (b == '\n') {
            emit();
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        int start = off;
        for (int i = off; i < off + len; i++) {
            if (b[i] == '\n') {
                pending.write(b, start, i + 1 - start);
                emit();
                start = i + 1;
            }
        }
        pending.write(b, start, off + len - start);
    }

    /** Partial lines stay held until their newline; whole lines are already flushed. */
    @Override
    public void flush() {}

    /** Writes one complete protocol line (no newline inside {@code line}) and flushes it. */
    synchronized void writeLine(byte[] line) throws IOException {
        real.write(line);
        real.write('\n');
        real.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        if (pending.size() > 0) {
            pending.write('\n');
            emit();
        }
        real.close();
    }

    /** Waits until at least {@code count} responses have been written, at most {@code millis}. */
    synchronized boolean awaitResponses(long count, long millis) throws InterruptedException {
        long until = System.currentTimeMillis() + millis;
        while (responses < count) {
            long left = until - System.currentTimeMillis();
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }

    private void emit() throws IOException {
        if (isResponse(pending.toByteArray())) {
            responses++;
            notifyAll();
        }
        pending.writeTo(real);
        pending.reset();
        real.flush();
    }

    /** The SDK writes a response as {"jsonrpc":"2.0","id":...}; its own requests start with "method". */
    private static boolean isResponse(byte[] line) {
        if (line.length < RESPONSE_PREFIX.length) {
            return false;
        }
        for (int i = 0; i < RESPONSE_PREFIX.length; i++) {
            if (line[i] != RESPONSE_PREFIX[i]) {
                return false;
            }
        }
        return true;
    }
}
