package dev.claudemesh.transcript;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Searches one transcript in a single streaming pass with flat memory.
 *
 * <p>Each chunk of lines is scanned as raw bytes for the query's required literal ({@link RequiredLiteral},
 * ASCII case folded unless case-sensitive) and for the token that prompt records carry; only those lines are
 * parsed. Matching itself runs on the readable entry text (prompts, assistant text, tool calls and output,
 * context) with re2j, so JSON keys and ids never match. Case-insensitive matching is Unicode-aware, except
 * that a non-ASCII character that folds to an ASCII letter of the query (Kelvin sign, long s) is not found.
 */
public final class TranscriptSearch {
    static final int SNIPPET_RADIUS = 80;
    static final int SUMMARY_CHARS = 160;
    private static final int LINES_BETWEEN_CLOCK_CHECKS = 64;

    /** Below this size a transcript is searched on the calling thread alone. */
    static final long PARALLEL_MIN_BYTES = 8L << 20;

    final Redactor redactor;
    private final JsonSupport json = new JsonSupport();
    final PromptClassifier classifier = new PromptClassifier(json);
    final EntryExtractor extractor = new EntryExtractor(json);
    private final int workers;
    private final long parallelMinBytes;

    /**
     * @param workers threads that parse and match when every line must be read (no literal to skip by); 1 keeps
     *     the whole search on the calling thread
     */
    TranscriptSearch(Redactor redactor, int workers, long parallelMinBytes) {
        this.redactor = redactor;
        this.workers = Math.max(1, workers);
        this.parallelMinBytes = parallelMinBytes;
    }

    /** Uses every core (up to 4) for searches that must read every line of a large transcript. */
    public TranscriptSearch(Redactor redactor) {
        this(redactor, Math.min(4, Runtime.getRuntime().availableProcessors()), PARALLEL_MIN_BYTES);
    }

    public TranscriptSearch() {
        this(Redactor.defaults());
    }

    /**
     * Hits for {@code query} in file order.
     *
     * @throws TranscriptException.InvalidQuery for an empty or too long query or an invalid regex
     */
    public SearchResult search(TranscriptFile file, String query, SearchOptions options) {
        QueryMatcher matcher = QueryMatcher.compile(query, options.regex(), options.caseSensitive());
        Scan scan = new Scan(matcher, options, System.nanoTime());
        try (FileChannel ch = file.open()) {
            ChunkReader reader = new ChunkReader(ch, 0, ch.size());
            if (workers > 1 && matcher.prefilter() == null && ch.size() >= parallelMinBytes) {
                new ParallelScan(this, scan, matcher, options, workers).run(reader);
                return scan.result();
            }
            while (!scan.stopped && reader.next()) {
                if (scan.outOfTime()) {
                    break;
                }
                scan.chunk(reader);
                scan.bytesScanned = reader.consumedTo();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the transcript " + file + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            scan.timedOut = true; // cut short: say so rather than claim a full scan
        }
        return scan.result();
    }

    /** The state of one search: its turns, hits and limits, fed line by line in file order. */
    final class Scan {
        private final QueryMatcher matcher;
        private final String literal;
        private final SearchOptions options;
        private final long startNanos;
        final long deadline;
        private final ArrayDeque<TurnSummary> recent = new ArrayDeque<>();
        private final List<PendingHit> hits = new ArrayList<>();
        private final List<PendingHit> awaitingAfter = new ArrayList<>();
        private final Map<String, String> scratchToolNames = new HashMap<>();
        int turn;
        private int linesSinceClock;
        boolean capped;
        boolean timedOut;
        boolean stopped;
        long bytesScanned;

        Scan(QueryMatcher matcher, SearchOptions options, long startNanos) {
            this.matcher = matcher;
            this.literal = matcher.prefilter();
            this.options = options;
            this.startNanos = startNanos;
            this.deadline = startNanos + options.timeBudget().toNanos();
        }

        boolean outOfTime() {
            if (System.nanoTime() - deadline > 0) {
                timedOut = true;
                stopped = true;
            }
            return stopped;
        }

        void chunk(ChunkReader reader) {
            String s = reader.latin1(matcher.foldPrefilter());
            byte[] buf = reader.bytes();
            int limit = reader.limit();
            int pos = 0;
            int nextUser = s.indexOf(PromptClassifier.USER_TOKEN);
            int nextLit = literal == null || capped ? -1 : s.indexOf(literal);
            boolean everyLine = literal == null && !capped;
            while (pos < limit && !stopped) {
                if (nextUser >= 0 && nextUser < pos) {
                    nextUser = s.indexOf(PromptClassifier.USER_TOKEN, pos);
                }
                if (nextLit >= 0 && nextLit < pos) {
                    nextLit = capped ? -1 : s.indexOf(literal, pos);
                }
                int p;
                if (everyLine && !capped) {
                    p = pos;
                } else if (nextUser < 0 && nextLit < 0) {
                    break;
                } else {
                    p = nextUser < 0 ? nextLit : nextLit < 0 ? nextUser : Math.min(nextUser, nextLit);
                }
                int ls = p == pos ? pos : s.lastIndexOf('\n', p) + 1;
                int le = s.indexOf('\n', p);
                boolean userLine = nextUser >= ls && nextUser < le;
                boolean candidate = !capped && (everyLine || (nextLit >= ls && nextLit < le));
                line(buf, ls, le - ls, userLine, candidate);
                pos = le + 1;
                if (++linesSinceClock >= LINES_BETWEEN_CLOCK_CHECKS) {
                    linesSinceClock = 0;
                    outOfTime();
                }
            }
        }

        private void line(byte[] buf, int off, int len, boolean userLine, boolean candidate) {
            boolean prompt = userLine && classifier.isPromptLine(buf, off, len);
            if (!prompt && (!candidate || turn == 0)) {
                return;
            }
            linesSinceClock = LINES_BETWEEN_CLOCK_CHECKS; // parsing is the slow part: check the clock after it
            JsonNode rec = extractor.read(buf, off, len);
            if (rec == null) {
                return;
            }
            List<TurnEntry> entries = extractor.extract(rec, prompt, scratchToolNames);
            scratchToolNames.clear();
            if (prompt) {
                startTurn(entries);
                if (stopped) {
                    return;
                }
            }
            for (int i = 0; i < entries.size() && !capped && !stopped && turn > 0; i++) {
                match(entries.get(i));
            }
        }

        private void startTurn(List<TurnEntry> promptEntries) {
            TurnEntry prompt = promptEntries.isEmpty() ? null : promptEntries.get(0);
            startTurn(prompt == null ? null : prompt.at(), excerpt(prompt));
        }

        /** What a turn's summary shows of its prompt entry (null: none). */
        String excerpt(TurnEntry prompt) {
            return redactor.excerpt(prompt == null ? "" : prompt.text(), SUMMARY_CHARS, options.redact());
        }

        void startTurn(Instant at, String excerpt) {
            turn++;
            TurnSummary summary = new TurnSummary(turn, at, excerpt);
            for (Iterator<PendingHit> it = awaitingAfter.iterator(); it.hasNext(); ) {
                PendingHit h = it.next();
                h.context.add(summary);
                if (turn - h.turn >= options.contextTurns()) {
                    it.remove();
                }
            }
            recent.addLast(summary);
            while (recent.size() > options.contextTurns() + 1) {
                recent.removeFirst();
            }
            if (capped && awaitingAfter.isEmpty()) {
                stopped = true;
            }
        }

        private void match(TurnEntry entry) {
            int[] m;
            try {
                m = matcher.find(entry.text(), deadline);
            } catch (QueryMatcher.OutOfTime e) {
                timedOut = true;
                stopped = true;
                return;
            }
            if (m == null) {
                return;
            }
            addHit(entry.role(), entry.name(), entry.at(), snippet(entry, m));
        }

        String snippet(TurnEntry entry, int[] match) {
            return redactor.snippet(entry.text(), match[0], match[1], SNIPPET_RADIUS, options.redact());
        }

        void addHit(EntryRole role, String name, Instant at, String snippet) {
            PendingHit hit = new PendingHit(turn, role, name, at, snippet);
            for (TurnSummary s : recent) {
                if (s.index() < turn) {
                    hit.context.add(s);
                }
            }
            hits.add(hit);
            if (options.contextTurns() > 0) {
                awaitingAfter.add(hit);
            }
            if (hits.size() >= options.maxResults()) {
                capped = true;
                stopped = awaitingAfter.isEmpty();
            }
        }

        SearchResult result() {
            List<SearchHit> out = new ArrayList<>(hits.size());
            for (PendingHit h : hits) {
                out.add(new SearchHit(h.turn, h.role, h.name, h.at, h.snippet, h.context));
            }
            long elapsed = (System.nanoTime() - startNanos) / 1_000_000;
            return new SearchResult(out, capped, timedOut, turn, bytesScanned, elapsed);
        }
    }

    /** A hit whose after-context may still be filling; keeps no entry text (that may be megabytes). */
    private static final class PendingHit {
        final int turn;
        final EntryRole role;
        final String name;
        final Instant at;
        final String snippet;
        final List<TurnSummary> context = new ArrayList<>();

        PendingHit(int turn, EntryRole role, String name, Instant at, String snippet) {
            this.turn = turn;
            this.role = role;
            this.name = name;
            this.at = at;
            this.snippet = snippet;
        }
    }
}
