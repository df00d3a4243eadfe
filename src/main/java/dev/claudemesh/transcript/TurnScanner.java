package dev.claudemesh.transcript;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Streams a byte range of a transcript as {@link TurnPiece}s for the full-text index, with the same turn rules
 * as every other reader ({@link PromptClassifier}). Only complete lines are read; memory is bounded by the chunk,
 * the longest line and the per-role character cap.
 */
public final class TurnScanner {
    private static final Set<String> FIELDS;

    static {
        Set<String> f = new HashSet<>(EntryExtractor.FIELDS);
        f.add("cwd");
        FIELDS = Set.copyOf(f);
    }

    private final JsonSupport json = new JsonSupport();
    private final PromptClassifier classifier = new PromptClassifier(json);
    private final EntryExtractor extractor = new EntryExtractor(json);
    private final long segmentBytes;
    private final int maxChars;

    /**
     * @param segmentBytes a piece is closed at the first line end past this many bytes (long turns become
     *     several pieces)
     * @param maxChars characters kept per role per piece; the rest is not indexed
     */
    public TurnScanner(long segmentBytes, int maxChars) {
        this.segmentBytes = segmentBytes;
        this.maxChars = maxChars;
    }

    /** Where a scan stopped and which piece was still open there. */
    public record Result(long consumedTo, TurnPiece last) {}

    /**
     * Scans the complete lines in [from, end of file). With {@code segment} &ge; 0 the lines before the first
     * prompt continue piece ({@code turn}, {@code segment}) of a turn that started at {@code turnTime}; with a
     * negative {@code segment} they belong to no turn (skipped) and the next prompt is turn {@code turn + 1}.
     * Every piece is given to {@code sink}, the last (still open) one too. Reads at most {@code maxBytes}.
     */
    public Result scan(
            TranscriptFile file,
            long from,
            long maxBytes,
            int turn,
            int segment,
            Instant turnTime,
            String knownCwd,
            Consumer<TurnPiece> sink) {
        try (FileChannel ch = file.open()) {
            long to = Math.min(ch.size(), from + maxBytes);
            return scan(ch, from, to, turn, segment, turnTime, knownCwd, null, sink);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the transcript " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads back one stored piece [start, end): its texts, for snippets; null when the file no longer has it.
     * With {@code lineLiteral} (ASCII lower case) only lines containing it (ASCII case folded) are parsed, apart
     * from the prompt line.
     */
    public TurnPiece readPiece(TranscriptFile file, long start, long end, int turn, int segment, String lineLiteral) {
        TurnPiece[] out = new TurnPiece[1];
        try (FileChannel ch = file.open()) {
            long to = Math.min(end, ch.size());
            int before = segment == 0 ? turn - 1 : turn;
            scan(ch, start, to, before, segment == 0 ? -1 : segment, null, null, lineLiteral, p -> {
                if (out[0] == null) {
                    out[0] = p;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the transcript " + file + ": " + e.getMessage(), e);
        }
        TurnPiece p = out[0];
        return p != null && p.turn() == turn && p.segment() == segment ? p : null;
    }

    private Result scan(
            FileChannel ch,
            long from,
            long to,
            int turn,
            int segment,
            Instant turnTime,
            String knownCwd,
            String lineLiteral,
            Consumer<TurnPiece> sink)
            throws IOException {
        Piece open = segment >= 0 ? new Piece(turn, segment, from, turnTime) : null;
        int current = turn;
        String cwd = knownCwd;
        Map<String, String> toolNames = new HashMap<>();
        ChunkReader reader = new ChunkReader(ch, from, to);
        while (reader.next()) {
            byte[] buf = reader.bytes();
            int limit = reader.limit();
            String folded = lineLiteral == null ? null : reader.latin1(true);
            int ls = 0;
            while (ls < limit) {
                int le = ChunkReader.indexOf(buf, (byte) '\n', ls, limit);
                int off = ls;
                int len = le - ls;
                long lineEnd = reader.base() + le + 1;
                ls = le + 1;
                if (folded != null && open != null) {
                    int hit = folded.indexOf(lineLiteral, off);
                    if (hit < 0 || hit >= le) {
                        open.end = lineEnd;
                        continue;
                    }
                }
                boolean prompt = classifier.isPromptLine(buf, off, len);
                if (!prompt && open == null) {
                    continue;
                }
                if (!prompt && open.end - open.start >= segmentBytes) {
                    sink.accept(open.done(cwd));
                    open = new Piece(open.turn, open.segment + 1, reader.base() + off, open.startedAt);
                }
                JsonNode rec = json.readObject(buf, off, len, FIELDS);
                if (rec != null
                        && rec.path("cwd").isTextual()
                        && !rec.path("isSidechain").asBoolean(false)) {
                    cwd = rec.path("cwd").textValue();
                }
                List<TurnEntry> entries = rec == null ? List.of() : extractor.extract(rec, prompt, toolNames);
                if (prompt) {
                    if (open != null) {
                        sink.accept(open.done(cwd));
                    }
                    current++;
                    Instant at = entries.isEmpty() ? null : entries.get(0).at();
                    open = new Piece(current, 0, reader.base() + off, at);
                    toolNames.clear();
                }
                for (TurnEntry e : entries) {
                    open.add(e);
                }
                open.end = lineEnd;
            }
        }
        if (open != null) {
            sink.accept(open.done(cwd));
        }
        return new Result(reader.consumedTo(), open == null ? null : open.done(cwd));
    }

    /** A piece being filled. */
    private final class Piece {
        final int turn;
        final int segment;
        final long start;
        long end;
        final Instant startedAt;
        final StringBuilder user = new StringBuilder();
        final StringBuilder assistant = new StringBuilder();
        final StringBuilder tool = new StringBuilder();
        private TurnPiece done;

        Piece(int turn, int segment, long start, Instant startedAt) {
            this.turn = turn;
            this.segment = segment;
            this.start = start;
            this.end = start;
            this.startedAt = startedAt;
        }

        void add(TurnEntry e) {
            done = null;
            switch (e.role()) {
                case USER -> append(user, null, e.text());
                case ASSISTANT -> append(assistant, null, e.text());
                default -> append(tool, e.name(), e.text());
            }
        }

        private void append(StringBuilder sb, String name, String text) {
            if (sb.length() >= maxChars) {
                return;
            }
            if (sb.length() > 0) {
                sb.append('\n');
            }
            if (name != null) {
                sb.append(name).append(' ');
            }
            int room = maxChars - sb.length();
            sb.append(text, 0, Math.max(0, Math.min(text.length(), room)));
        }

        TurnPiece done(String cwd) {
            if (done == null) {
                done = new TurnPiece(
                        turn,
                        segment,
                        start,
                        end,
                        startedAt,
                        cwd,
                        user.toString(),
                        assistant.toString(),
                        tool.toString());
            }
            return done;
        }
    }
}
