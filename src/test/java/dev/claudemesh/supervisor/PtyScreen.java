package dev.claudemesh.supervisor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Collects everything a PTY child prints, on a background thread, for tests to wait on. */
final class PtyScreen implements AutoCloseable {
    private final PtySession session;
    private final ByteArrayOutputStream seen = new ByteArrayOutputStream();
    private final Thread reader;

    PtyScreen(PtySession session) {
        this.session = session;
        this.reader = new Thread(this::read, "pty-screen");
        reader.setDaemon(true);
        reader.start();
    }

    static PtyScreen start(PtyCommand command) throws IOException {
        return new PtyScreen(PtySession.start(command));
    }

    PtySession session() {
        return session;
    }

    private void read() {
        byte[] buffer = new byte[65536];
        try {
            int n;
            while ((n = session.read(buffer, 0, buffer.length)) >= 0) {
                synchronized (this) {
                    seen.write(buffer, 0, n);
                    notifyAll();
                }
            }
        } catch (IOException e) {
            // closed
        }
    }

    synchronized byte[] bytes() {
        return seen.toByteArray();
    }

    synchronized String text() {
        return seen.toString(StandardCharsets.UTF_8);
    }

    /** Waits until the output matches {@code regex}; returns the match. */
    synchronized Matcher await(String regex, Duration timeout) throws InterruptedException, TimeoutException {
        Pattern pattern = Pattern.compile(regex);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Matcher m = pattern.matcher(seen.toString(StandardCharsets.ISO_8859_1));
            if (m.find()) {
                return m;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException("no " + regex + " in: " + seen.toString(StandardCharsets.UTF_8));
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    /** Waits until the output holds at least {@code count} bytes. */
    synchronized void awaitBytes(int count, Duration timeout) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (seen.size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException("only " + seen.size() + " of " + count + " bytes");
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    void write(String text) throws IOException {
        session.write(text.getBytes(StandardCharsets.UTF_8));
    }

    int exitCode(Duration timeout) throws InterruptedException, TimeoutException {
        return session.waitFor(timeout).orElseThrow(() -> new TimeoutException("still running: " + text()));
    }

    @Override
    public void close() throws InterruptedException {
        try {
            ProcessHandle handle = session.process();
            handle.descendants().forEach(ProcessHandle::destroyForcibly);
        } catch (IllegalStateException e) {
            // gone
        }
        session.close();
        reader.join(2000);
    }
}
