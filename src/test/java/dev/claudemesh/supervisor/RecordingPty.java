package dev.claudemesh.supervisor;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/** A PTY writer that records every write and when it happened, with a real lock like {@link PtySession}. */
final class RecordingPty implements PtyWriter {
    record Write(long nanos, byte[] bytes) {
        String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final List<Write> writes = new ArrayList<>();

    @Override
    public void write(byte[] bytes, int offset, int length) {
        lock.lock();
        try {
            synchronized (this) {
                writes.add(new Write(System.nanoTime(), java.util.Arrays.copyOfRange(bytes, offset, offset + length)));
                notifyAll();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void exclusively(IoAction action) throws java.io.IOException, InterruptedException {
        lock.lockInterruptibly();
        try {
            action.run();
        } finally {
            lock.unlock();
        }
    }

    synchronized List<Write> writes() {
        return List.copyOf(writes);
    }

    synchronized String text() {
        StringBuilder all = new StringBuilder();
        writes.forEach(w -> all.append(w.text()));
        return all.toString();
    }

    /** Waits until at least {@code count} writes happened. */
    synchronized List<Write> await(int count, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (writes.size() < count) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                throw new AssertionError("only " + writes.size() + " of " + count + " writes: " + text());
            }
            wait(left);
        }
        return List.copyOf(writes);
    }
}
