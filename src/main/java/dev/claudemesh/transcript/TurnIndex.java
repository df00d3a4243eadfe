package dev.claudemesh.transcript;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;
import java.util.Objects;

/**
 * Byte offsets of the prompt records (turn starts) of one transcript, up to {@link #scannedTo()}. Immutable;
 * {@link #extend} scans only what was appended since, so turn numbers stay stable as the file grows.
 */
final class TurnIndex {
    private final Object fileKey;
    private final long scannedTo;
    private final long[] offsets;
    private final int count;

    private TurnIndex(Object fileKey, long scannedTo, long[] offsets, int count) {
        this.fileKey = fileKey;
        this.scannedTo = scannedTo;
        this.offsets = offsets;
        this.count = count;
    }

    static TurnIndex empty(Object fileKey) {
        return new TurnIndex(fileKey, 0, new long[16], 0);
    }

    /** Whether this index still describes the file: same file, not shrunk, still a line end where we stopped. */
    boolean stillValidFor(FileChannel channel, Object currentKey, long size) throws IOException {
        if (!Objects.equals(fileKey, currentKey) || size < scannedTo) {
            return false;
        }
        if (scannedTo == 0) {
            return true;
        }
        ByteBuffer one = ByteBuffer.allocate(1);
        return channel.read(one, scannedTo - 1) == 1 && one.get(0) == '\n';
    }

    /** This index plus the turns that start in [scannedTo, size). */
    TurnIndex extend(FileChannel channel, long size, PromptClassifier classifier) throws IOException {
        if (size <= scannedTo) {
            return this;
        }
        long[] offs = Arrays.copyOf(offsets, Math.max(offsets.length, 16));
        int n = count;
        ChunkReader reader = new ChunkReader(channel, scannedTo, size);
        while (reader.next()) {
            String s = reader.latin1(false);
            byte[] buf = reader.bytes();
            int pos = 0;
            while (true) {
                int p = s.indexOf(PromptClassifier.USER_TOKEN, pos);
                if (p < 0) {
                    break;
                }
                int ls = s.lastIndexOf('\n', p) + 1;
                int le = s.indexOf('\n', p);
                if (classifier.isPromptLine(buf, ls, le - ls)) {
                    if (n == offs.length) {
                        offs = Arrays.copyOf(offs, n * 2);
                    }
                    offs[n++] = reader.base() + ls;
                }
                pos = le + 1;
            }
        }
        return new TurnIndex(fileKey, reader.consumedTo(), offs, n);
    }

    int turnCount() {
        return count;
    }

    long scannedTo() {
        return scannedTo;
    }

    /** File offset where turn {@code index} (1-based) starts. */
    long startOf(int index) {
        return offsets[index - 1];
    }

    /** File offset just past turn {@code index} (1-based): the next turn's start, or the end of what was scanned. */
    long endOf(int index) {
        return index < count ? offsets[index] : scannedTo;
    }
}
