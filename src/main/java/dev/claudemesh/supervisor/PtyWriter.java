package dev.claudemesh.supervisor;

import java.io.IOException;

/** The input side of a pseudo-terminal: whatever is written here is what the child reads as typed keys. */
public interface PtyWriter {
    void write(byte[] bytes, int offset, int length) throws IOException;

    default void write(byte[] bytes) throws IOException {
        write(bytes, 0, bytes.length);
    }

    /**
     * Runs {@code action} while holding this writer's lock, so that no other thread's bytes (the user's keys) land
     * in between the writes the action makes. Other writers block until the action returns.
     */
    void exclusively(IoAction action) throws IOException, InterruptedException;

    @FunctionalInterface
    interface IoAction {
        void run() throws IOException, InterruptedException;
    }
}
