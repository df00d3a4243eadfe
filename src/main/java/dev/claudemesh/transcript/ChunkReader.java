package dev.claudemesh.transcript;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads a byte range of a transcript as chunks of complete lines, with memory bounded by the chunk size and the
 * longest line (lines over {@link #MAX_LINE_BYTES} are skipped whole). A last line without its newline is being
 * written (or was cut off): it is never delivered, so every reader sees the same set of lines.
 */
final class ChunkReader {
    static final int DEFAULT_CHUNK_BYTES = 256 * 1024;
    static final int MAX_LINE_BYTES = 32 * 1024 * 1024;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final FileChannel channel;
    private final int maxLineBytes;
    private long end;
    private long readPos;
    private byte[] buf;
    private byte[] folded;
    private long base;
    private int filled;
    private int limit;
    private boolean skipping;
    private long skipStart;
    private int skippedLongLines;

    ChunkReader(FileChannel channel, long start, long end, int chunkBytes, int maxLineBytes) {
        this.channel = channel;
        this.maxLineBytes = Math.max(chunkBytes, maxLineBytes);
        this.readPos = start;
        this.base = start;
        this.end = end;
        this.buf = new byte[chunkBytes];
    }

    ChunkReader(FileChannel channel, long start, long end) {
        this(channel, start, end, DEFAULT_CHUNK_BYTES, MAX_LINE_BYTES);
    }

    /** Moves to the next chunk; {@link #bytes()}[0, {@link #limit()}) then holds complete lines. */
    boolean next() throws IOException {
        if (limit > 0) {
            int rest = filled - limit;
            System.arraycopy(buf, limit, buf, 0, rest);
            base += limit;
            filled = rest;
            limit = 0;
        }
        int searchFrom = 0;
        while (true) {
            if (skipping) {
                int nl = indexOf(buf, (byte) '\n', 0, filled);
                if (nl >= 0) {
                    int rest = filled - (nl + 1);
                    System.arraycopy(buf, nl + 1, buf, 0, rest);
                    base += nl + 1;
                    filled = rest;
                    skipping = false;
                    continue;
                }
                base += filled;
                filled = 0;
            } else {
                int nl = lastIndexOf(buf, (byte) '\n', searchFrom, filled);
                if (nl >= 0) {
                    limit = nl + 1;
                    return true;
                }
                searchFrom = filled;
            }
            if (readPos >= end) {
                return false;
            }
            if (filled == buf.length) {
                if (buf.length >= maxLineBytes) {
                    skipping = true;
                    skipStart = base;
                    skippedLongLines++;
                    base += filled;
                    filled = 0;
                    searchFrom = 0;
                    continue;
                }
                buf = Arrays.copyOf(buf, (int) Math.min(maxLineBytes, buf.length * 2L));
            }
            int want = (int) Math.min(buf.length - filled, end - readPos);
            int n = channel.read(ByteBuffer.wrap(buf, filled, want), readPos);
            if (n <= 0) {
                end = readPos; // the file shrank under us: stop at what exists
                continue;
            }
            readPos += n;
            filled += n;
        }
    }

    byte[] bytes() {
        return buf;
    }

    /** End of the complete lines in {@link #bytes()}; the byte before it is a newline. */
    int limit() {
        return limit;
    }

    /** File offset of {@link #bytes()}[0]. */
    long base() {
        return base;
    }

    /** File offset just past the last complete line delivered (or skipped) so far. */
    long consumedTo() {
        return skipping ? skipStart : base + limit;
    }

    int skippedLongLines() {
        return skippedLongLines;
    }

    /**
     * The chunk as a Latin-1 string (one char per byte) so that {@link String#indexOf} - a JVM intrinsic - can
     * scan it; with {@code foldAscii} the ASCII letters are lower-cased first (other bytes untouched).
     */
    String latin1(boolean foldAscii) {
        if (!foldAscii) {
            return new String(buf, 0, limit, StandardCharsets.ISO_8859_1);
        }
        if (folded == null || folded.length < limit) {
            folded = new byte[buf.length];
        }
        foldAscii(buf, folded, limit);
        return new String(folded, 0, limit, StandardCharsets.ISO_8859_1);
    }

    /** dst[0, n) = src[0, n) with ASCII A-Z lower-cased; 8 bytes per step (SWAR), other bytes untouched. */
    static void foldAscii(byte[] src, byte[] dst, int n) {
        int i = 0;
        for (; i + 8 <= n; i += 8) {
            long x = (long) LONGS.get(src, i);
            long heptets = x & 0x7F7F7F7F7F7F7F7FL;
            long atLeastA = heptets + 0x3F3F3F3F3F3F3F3FL; // high bit set where the byte >= 'A'
            long aboveZ = heptets + 0x2525252525252525L; // high bit set where the byte > 'Z'
            long upper = atLeastA & ~aboveZ & ~x & 0x8080808080808080L;
            LONGS.set(dst, i, x | (upper >>> 2));
        }
        for (; i < n; i++) {
            byte b = src[i];
            dst[i] = (byte) (b + ((((b - 'A') & 0xff) < 26) ? 32 : 0));
        }
    }

    static int indexOf(byte[] a, byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (a[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexOf(byte[] a, byte b, int from, int to) {
        for (int i = to - 1; i >= from; i--) {
            if (a[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
