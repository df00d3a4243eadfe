package dev.claudemesh.transcript.index;

import dev.claudemesh.transcript.Redactor;
import dev.claudemesh.transcript.TranscriptFile;
import dev.claudemesh.transcript.TurnPiece;
import dev.claudemesh.transcript.TurnScanner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import java.util.zip.CRC32;

/**
 * Brings one transcript's rows up to date: new files from the start, appended lines from the last indexed
 * offset (the open last piece is re-read, since its turn may still be growing), a truncated or rewritten file
 * from scratch, a deleted file's rows removed. Text is masked before it is indexed. Each step reads at most a
 * slice, so a huge file never holds up the others.
 */
final class FileSyncer {
    static final long SEGMENT_BYTES = 1 << 20;
    static final int MAX_CHARS_PER_ROLE = 1 << 20;
    static final int HEAD_BYTES = 4096;

    private final IndexStore store;
    private final TurnScanner scanner = new TurnScanner(SEGMENT_BYTES, MAX_CHARS_PER_ROLE);
    private final Redactor redactor = Redactor.defaults();

    FileSyncer(IndexStore store) {
        this.store = store;
    }

    /** What one step did. */
    record Step(long bytesRead, int turns, boolean more, boolean reset) {}

    /** Removes a file that is gone. */
    boolean forget(String path) throws SQLException {
        FileState st = store.state(path);
        if (st == null) {
            return false;
        }
        store.write(w -> {
            w.deleteFile(st.id());
            return null;
        });
        return true;
    }

    /** One step for an existing transcript: reads at most {@code maxBytes} new bytes. */
    Step sync(TranscriptFile file, long maxBytes) throws SQLException {
        Path path = file.path();
        String key = path.toString();
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            forget(key);
            return new Step(0, 0, false, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String fileKey = String.valueOf(attrs.fileKey());
        long size = attrs.size();
        long mtime = attrs.lastModifiedTime().toMillis();
        FileState old = store.state(key);
        if (old != null && old.size() == size && old.mtime() == mtime && fileKey.equals(old.fileKey())) {
            return new Step(0, 0, false, false);
        }
        boolean reset = old != null && replaced(path, old, fileKey, size);
        FileState st = reset ? null : old;
        return store.write(w -> {
            if (reset) {
                w.deleteFile(old.id());
            }
            long from;
            int turn;
            int segment;
            Instant time = null;
            if (st == null) {
                from = 0;
                turn = 0;
                segment = -1;
            } else if (st.tailSegment() < 0) {
                from = st.offset();
                turn = 0;
                segment = -1;
            } else {
                from = st.tailStart();
                w.deletePiece(st.id(), st.tailTurn(), st.tailSegment());
                turn = st.tailSegment() == 0 ? st.tailTurn() - 1 : st.tailTurn();
                segment = st.tailSegment() == 0 ? -1 : st.tailSegment();
                time = st.tailTime() == 0 ? null : Instant.ofEpochMilli(st.tailTime());
            }
            long id = st != null ? st.id() : w.saveState(blank(path, fileKey));
            int[] turnsSeen = {0};
            long budget = (st == null ? 0 : Math.max(0, st.offset() - from)) + maxBytes; // always past the old end
            TurnScanner.Result r =
                    scanner.scan(file, from, budget, turn, segment, time, st == null ? null : st.cwd(), piece -> {
                        addPiece(w, id, piece);
                        turnsSeen[0]++;
                    });
            TurnPiece last = r.last();
            String cwd = last != null && last.cwd() != null ? last.cwd() : st == null ? null : st.cwd();
            long offset = Math.max(r.consumedTo(), from);
            int headLength = (int) Math.min(HEAD_BYTES, offset);
            long headHash = st != null && st.headLength() == headLength ? st.headHash() : head(path, headLength);
            boolean more = from + budget < size;
            w.saveState(new FileState(
                    id,
                    key,
                    sessionId(path),
                    folder(cwd, path),
                    cwd,
                    fileKey,
                    more ? -1 : size,
                    mtime,
                    headLength,
                    headHash,
                    offset,
                    last == null ? offset : last.start(),
                    last == null ? 0 : last.turn(),
                    last == null ? -1 : last.segment(),
                    last == null || last.startedAt() == null
                            ? 0
                            : last.startedAt().toEpochMilli(),
                    last == null ? 0 : last.turn()));
            return new Step(offset - from, turnsSeen[0], more, reset);
        });
    }

    private void addPiece(IndexStore.Writes w, long fileId, TurnPiece p) {
        long time = p.startedAt() == null ? 0 : p.startedAt().toEpochMilli();
        try {
            for (int role = 0; role < IndexStore.ROLES.length; role++) {
                String text = p.text(IndexStore.ROLES[role]);
                if (!text.isBlank()) {
                    w.addDoc(fileId, p.turn(), p.segment(), role, time, p.start(), p.end(), redactor.maskSecrets(text));
                }
            }
        } catch (SQLException e) {
            throw new IndexWriteException(e);
        }
    }

    /** Whether the file is no longer the one indexed: another inode, shorter, another head, or no line end. */
    private static boolean replaced(Path path, FileState st, String fileKey, long size) {
        if (!Objects.equals(fileKey, st.fileKey()) || size < st.offset()) {
            return true;
        }
        if (head(path, st.headLength()) != st.headHash()) {
            return true;
        }
        if (st.offset() == 0) {
            return false;
        }
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            return ch.read(one, st.offset() - 1) != 1 || one.get(0) != '\n';
        } catch (IOException e) {
            return true;
        }
    }

    private static long head(Path path, int length) {
        CRC32 crc = new CRC32();
        if (length <= 0) {
            return crc.getValue();
        }
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate(length);
            while (buf.hasRemaining() && ch.read(buf, buf.position()) > 0) {
                // fill
            }
            buf.flip();
            crc.update(buf);
            return crc.getValue();
        } catch (IOException e) {
            return -1;
        }
    }

    private static FileState blank(Path path, String fileKey) {
        return new FileState(
                0,
                path.toString(),
                sessionId(path),
                folder(null, path),
                null,
                fileKey,
                -1,
                -1,
                0,
                0,
                0,
                0,
                0,
                -1,
                0,
                0);
    }

    static String sessionId(Path path) {
        String name = path.getFileName().toString();
        return name.endsWith(".jsonl") ? name.substring(0, name.length() - ".jsonl".length()) : name;
    }

    /** The last element of cwd, like a live session's folder; else the project folder's name. */
    static String folder(String cwd, Path path) {
        if (cwd != null && !cwd.isBlank()) {
            String c = cwd.endsWith("/") && cwd.length() > 1 ? cwd.substring(0, cwd.length() - 1) : cwd;
            int slash = c.lastIndexOf('/');
            return slash >= 0 && slash < c.length() - 1 ? c.substring(slash + 1) : c;
        }
        Path parent = path.getParent();
        return parent == null || parent.getFileName() == null
                ? ""
                : parent.getFileName().toString();
    }

    /** A database failure inside the scanner's callback. */
    static final class IndexWriteException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        IndexWriteException(SQLException cause) {
            super(cause);
        }
    }
}
