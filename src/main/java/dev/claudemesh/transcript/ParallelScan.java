package dev.claudemesh.transcript;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A search that must read every line (no literal to skip by) on several cores. The calling thread reads chunks
 * of whole lines and hands each to a worker, which parses its lines and matches their entries: the costly, pure
 * part. The calling thread then feeds the workers' findings to the one {@link TranscriptSearch.Scan} strictly in
 * file order, so turns, context, the result cap and the result are those of the sequential search; only what
 * the workers found is kept (summaries, snippets), never an entry's text. At most {@code workers + 1} chunks (and
 * {@link #MAX_INFLIGHT_BYTES}, or one chunk of one long line) are in flight.
 *
 * <p>The time budget holds as in the sequential search: a worker checks the clock after each parsed line and
 * re2j checks it inside an entry; the search then ends, cut short, at the first line where the budget was
 * found spent.
 */
final class ParallelScan {
    static final long MAX_INFLIGHT_BYTES = 8L << 20;

    private final TranscriptSearch search;
    private final TranscriptSearch.Scan scan;
    private final QueryMatcher matcher;
    private final SearchOptions options;
    private final int workers;
    private volatile boolean cancelled;

    /** What a worker found on one parsed line that matters to the scan. */
    private record Line(boolean prompt, Instant promptAt, String excerpt, List<Hit> hits, boolean outOfTime) {}

    private record Hit(EntryRole role, String name, Instant at, String snippet) {}

    /** A chunk's findings; {@code spent}: the budget ran out after its last line (or before the chunk). */
    private record Chunk(List<Line> lines, boolean spent, long consumedTo, int bytes) {}

    ParallelScan(
            TranscriptSearch search,
            TranscriptSearch.Scan scan,
            QueryMatcher matcher,
            SearchOptions options,
            int workers) {
        this.search = search;
        this.scan = scan;
        this.matcher = matcher;
        this.options = options;
        this.workers = workers;
    }

    void run(ChunkReader reader) throws IOException, InterruptedException {
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "claudemesh-search-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        ArrayDeque<Future<Chunk>> inflight = new ArrayDeque<>();
        long inflightBytes = 0;
        boolean more = true;
        try {
            while (!scan.stopped) {
                while (more
                        && inflight.size() <= workers
                        && (inflight.isEmpty() || inflightBytes < MAX_INFLIGHT_BYTES)) {
                    if (System.nanoTime() - scan.deadline > 0) {
                        more = false;
                        inflight.add(java.util.concurrent.CompletableFuture.completedFuture(
                                new Chunk(List.of(), true, -1, 0)));
                        break;
                    }
                    if (!reader.next()) {
                        more = false;
                        break;
                    }
                    byte[] lines = Arrays.copyOf(reader.bytes(), reader.limit());
                    long consumedTo = reader.consumedTo();
                    inflight.add(pool.submit(() -> work(lines, consumedTo)));
                    inflightBytes += lines.length;
                }
                Future<Chunk> next = inflight.poll();
                if (next == null) {
                    break;
                }
                Chunk chunk = get(next);
                inflightBytes -= chunk.bytes();
                feed(chunk);
            }
        } finally {
            cancelled = true;
            pool.shutdownNow();
        }
    }

    private static Chunk get(Future<Chunk> f) throws InterruptedException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** The sequential scan's decisions, on findings made in parallel. */
    private void feed(Chunk chunk) {
        if (chunk.consumedTo() < 0) { // the budget was spent before this chunk was read
            scan.timedOut = true;
            scan.stopped = true;
            return;
        }
        for (Line line : chunk.lines()) {
            if (!line.prompt() && (scan.capped || scan.turn == 0)) {
                continue; // as the sequential scan, which does not look at this line
            }
            if (line.prompt()) {
                scan.startTurn(line.promptAt(), line.excerpt());
                if (scan.stopped) {
                    break;
                }
            }
            for (Hit h : line.hits()) {
                if (scan.capped || scan.stopped) {
                    break;
                }
                scan.addHit(h.role(), h.name(), h.at(), h.snippet());
            }
            if (line.outOfTime() && !scan.capped) {
                scan.timedOut = true;
                scan.stopped = true;
            }
            if (scan.stopped) {
                break;
            }
        }
        if (chunk.spent() && !scan.stopped) {
            scan.timedOut = true;
            scan.stopped = true;
        }
        scan.bytesScanned = chunk.consumedTo();
    }

    /** Parses and matches one chunk of whole lines; stops at the first sign that the budget is spent. */
    private Chunk work(byte[] buf, long consumedTo) {
        String s = new String(buf, java.nio.charset.StandardCharsets.ISO_8859_1);
        Map<String, String> toolNames = new HashMap<>();
        List<Line> out = new ArrayList<>();
        int pos = 0;
        int nextUser = s.indexOf(PromptClassifier.USER_TOKEN);
        while (pos < buf.length && !cancelled) {
            int le = s.indexOf('\n', pos);
            if (nextUser >= 0 && nextUser < pos) {
                nextUser = s.indexOf(PromptClassifier.USER_TOKEN, pos);
            }
            boolean prompt = nextUser >= pos && nextUser < le && search.classifier.isPromptLine(buf, pos, le - pos);
            JsonNode rec = search.extractor.read(buf, pos, le - pos);
            pos = le + 1;
            if (rec == null) {
                continue;
            }
            List<TurnEntry> entries = search.extractor.extract(rec, prompt, toolNames);
            toolNames.clear();
            Line line = line(prompt, entries);
            if (line.prompt() || !line.hits().isEmpty() || line.outOfTime()) {
                out.add(line);
            }
            if (line.outOfTime() || System.nanoTime() - scan.deadline > 0) {
                return new Chunk(out, true, consumedTo, buf.length);
            }
        }
        return new Chunk(out, false, consumedTo, buf.length);
    }

    private Line line(boolean prompt, List<TurnEntry> entries) {
        TurnEntry first = prompt && !entries.isEmpty() ? entries.get(0) : null;
        List<Hit> hits = new ArrayList<>(0);
        for (TurnEntry e : entries) {
            int[] m;
            try {
                m = matcher.find(e.text(), scan.deadline);
            } catch (QueryMatcher.OutOfTime spent) {
                return new Line(prompt, first == null ? null : first.at(), scan.excerpt(first), hits, true);
            }
            if (m != null) {
                hits.add(new Hit(e.role(), e.name(), e.at(), scan.snippet(e, m)));
                if (hits.size() >= options.maxResults()) {
                    break; // the scan takes no more from one line
                }
            }
        }
        return new Line(prompt, first == null ? null : first.at(), prompt ? scan.excerpt(first) : null, hits, false);
    }
}
