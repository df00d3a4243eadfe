package dev.claudemesh.transcript;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads turns from a transcript: the last N ({@link #readHistory}) or one by number ({@link #getTurn}).
 *
 * <p>Memory stays flat on huge files: a first pass records where each turn starts (kept per file and extended
 * incrementally as the file grows), then only the wanted byte range is parsed. Malformed, unknown and
 * half-written lines are skipped. Thread-safe; one instance can serve every session.
 */
public final class TranscriptReader {
    private static final int CACHED_INDEXES = 32;

    private final Redactor redactor;
    private final PromptClassifier classifier;
    private final EntryExtractor extractor;
    private final JsonSupport json = new JsonSupport();
    private final Map<Path, TurnIndex> indexes = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Path, TurnIndex> eldest) {
            return size() > CACHED_INDEXES;
        }
    };

    public TranscriptReader(Redactor redactor) {
        this.redactor = redactor;
        this.classifier = new PromptClassifier(json);
        this.extractor = new EntryExtractor(json);
    }

    public TranscriptReader() {
        this(Redactor.defaults());
    }

    /** How many turns the transcript has now. */
    public int countTurns(TranscriptFile file) {
        try (FileChannel ch = file.open()) {
            return index(file, ch).turnCount();
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    /**
     * The last {@code lastNTurns} turns, oldest first. With {@code redact} (the default for tools) long output
     * is cut at the {@link Redactor}'s byte caps and secrets are masked; without it everything is raw.
     */
    public TranscriptHistory readHistory(TranscriptFile file, int lastNTurns, boolean redact) {
        if (lastNTurns < 1) {
            throw new IllegalArgumentException("Ask for at least 1 turn, got " + lastNTurns + ".");
        }
        try (FileChannel ch = file.open()) {
            TurnIndex index = index(file, ch);
            int total = index.turnCount();
            if (total == 0) {
                return new TranscriptHistory(0, List.of(), redact);
            }
            int first = Math.max(1, total - lastNTurns + 1);
            List<Turn> turns = readTurns(ch, index.startOf(first), index.scannedTo(), first);
            if (redact) {
                turns = turns.stream().map(redactor::redact).toList();
            }
            return new TranscriptHistory(total, turns, redact);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    /**
     * Turn {@code index} (1-based) whole: nothing is cut. Secrets are still masked unless {@code raw}.
     *
     * @throws TranscriptException.NoSuchTurn when the transcript has no such turn
     */
    public Turn getTurn(TranscriptFile file, int index, boolean raw) {
        try (FileChannel ch = file.open()) {
            TurnIndex idx = index(file, ch);
            if (index < 1 || index > idx.turnCount()) {
                throw new TranscriptException.NoSuchTurn("Turn " + index + " does not exist: the transcript has "
                        + idx.turnCount() + " turns, numbered from 1.");
            }
            List<Turn> turns = readTurns(ch, idx.startOf(index), idx.endOf(index), index);
            if (turns.isEmpty()) {
                throw new TranscriptException.NoSuchTurn("Turn " + index + " could not be read back; the transcript"
                        + " may have been rewritten, try again.");
            }
            Turn turn = turns.get(0);
            return raw ? turn : redactor.maskSecrets(turn);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    private TurnIndex index(TranscriptFile file, FileChannel ch) throws IOException {
        Path path = file.path();
        BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class);
        long size = ch.size();
        TurnIndex cached;
        synchronized (indexes) {
            cached = indexes.get(path);
        }
        if (cached == null || !cached.stillValidFor(ch, attrs.fileKey(), size)) {
            cached = TurnIndex.empty(attrs.fileKey());
        }
        TurnIndex fresh = cached.extend(ch, size, classifier);
        synchronized (indexes) {
            TurnIndex other = indexes.get(path);
            if (other == null || other.scannedTo() <= fresh.scannedTo()) {
                indexes.put(path, fresh);
            }
        }
        return fresh;
    }

    /** Parses the turns that start in [from, to); the first prompt found is turn {@code firstIndex}. */
    private List<Turn> readTurns(FileChannel ch, long from, long to, int firstIndex) throws IOException {
        List<Turn> turns = new ArrayList<>();
        List<TurnEntry> entries = null;
        Map<String, String> toolNames = new HashMap<>();
        int index = firstIndex - 1;
        java.time.Instant startedAt = null;
        ChunkReader reader = new ChunkReader(ch, from, to);
        while (reader.next()) {
            byte[] buf = reader.bytes();
            int limit = reader.limit();
            int ls = 0;
            while (ls < limit) {
                int le = ChunkReader.indexOf(buf, (byte) '\n', ls, limit);
                boolean prompt = classifier.isPromptLine(buf, ls, le - ls);
                JsonNode rec = prompt || entries != null ? extractor.read(buf, ls, le - ls) : null;
                if (rec != null) {
                    List<TurnEntry> found = extractor.extract(rec, prompt, toolNames);
                    if (prompt) {
                        if (entries != null) {
                            turns.add(new Turn(index, startedAt, entries));
                        }
                        index++;
                        entries = new ArrayList<>();
                        toolNames.clear();
                        startedAt = found.isEmpty() ? null : found.get(0).at();
                    }
                    entries.addAll(found);
                }
                ls = le + 1;
            }
        }
        if (entries != null) {
            turns.add(new Turn(index, startedAt, entries));
        }
        return turns;
    }

    private static UncheckedIOException unreadable(TranscriptFile file, IOException e) {
        return new UncheckedIOException("Cannot read the transcript " + file + ": " + e.getMessage(), e);
    }
}
