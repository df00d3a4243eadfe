package dev.claudemesh.transcript.index;

import dev.claudemesh.transcript.EntryRole;
import dev.claudemesh.transcript.QueryMatcher;
import dev.claudemesh.transcript.SearchHit;
import dev.claudemesh.transcript.SearchOptions;
import dev.claudemesh.transcript.SearchResult;
import dev.claudemesh.transcript.TranscriptException;
import dev.claudemesh.transcript.TranscriptFile;
import dev.claudemesh.transcript.TranscriptLocator;
import dev.claudemesh.transcript.TranscriptSearch;
import dev.claudemesh.transcript.TurnPiece;
import dev.claudemesh.transcript.TurnScanner;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Runs queries: the FTS5 index finds the turns (ranked by bm25, recent first on ties), then each hit's text is
 * read back from its transcript for the snippet - the index stores no text. A regex is narrowed by the words of
 * its required literal and confirmed with RE2 on the text; one with no usable word scans the transcripts,
 * newest first, within the time budget.
 */
final class IndexSearch {
    private static final int PAGE = 200;
    static final int RANKED = 10_000;

    private final TranscriptLocator locator;
    private final TurnScanner scanner = new TurnScanner(FileSyncer.SEGMENT_BYTES, FileSyncer.MAX_CHARS_PER_ROLE);
    private final Highlighter highlighter = new Highlighter();
    private final TranscriptSearch fullScan = new TranscriptSearch();
    private final Consumer<String> stale;

    /** @param stale told the path of a transcript that no longer matches its rows (to re-index it) */
    IndexSearch(TranscriptLocator locator, Consumer<String> stale) {
        this.locator = locator;
        this.stale = stale;
    }

    /** A row of the index joined with its file. */
    private record Row(
            long fileId,
            int turn,
            int segment,
            int role,
            long time,
            long start,
            long end,
            String path,
            String sessionId,
            String folder,
            String cwd) {
        String key() {
            return fileId + ":" + turn + ":" + role;
        }
    }

    /** Hits plus whether more were left out. */
    record Found(List<IndexHit> hits, boolean truncated) {}

    Found search(IndexStore store, IndexRequest r) throws SQLException {
        if (r.regex()) {
            return regex(store, r);
        }
        IndexQuery q = IndexQuery.parse(r.query());
        List<IndexHit> hits = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int offset = 0;
        boolean truncated = false;
        while (true) {
            List<Row> rows = rows(store, q.fts(), r, true, PAGE, offset);
            for (Row row : rows) {
                if (hits.size() == r.limit()) {
                    truncated = true;
                    break;
                }
                if (row.path() == null || !seen.add(row.key())) {
                    continue;
                }
                IndexHit hit = hit(row, q);
                if (hit != null) {
                    hits.add(hit);
                }
            }
            if (truncated || rows.size() < PAGE) {
                return new Found(hits, truncated);
            }
            offset += PAGE;
        }
    }

    private IndexHit hit(Row row, IndexQuery q) {
        String role = IndexStore.ROLES[row.role()];
        TurnPiece piece = read(row, q.lineLiteral());
        Highlighter.Snippet s = piece == null ? null : highlighter.forQuery(piece.text(role), q);
        if (s == null && q.lineLiteral() != null) {
            piece = read(row, null); // the word may be written differently (accents) in the raw line
            s = piece == null ? null : highlighter.forQuery(piece.text(role), q);
        }
        if (s == null) {
            stale.accept(row.path());
            return null;
        }
        return toHit(row, s);
    }

    private static IndexHit toHit(Row row, Highlighter.Snippet s) {
        return new IndexHit(
                row.sessionId(),
                row.folder(),
                row.cwd(),
                row.turn(),
                row.time() == 0 ? null : Instant.ofEpochMilli(row.time()),
                IndexStore.ROLES[row.role()],
                s.text(),
                s.highlights());
    }

    private TurnPiece read(Row row, String lineLiteral) {
        try {
            TranscriptFile file = locator.resolve(row.path());
            return scanner.readPiece(file, row.start(), row.end(), row.turn(), row.segment(), lineLiteral);
        } catch (TranscriptException | UncheckedIOException e) {
            return null;
        }
    }

    private Found regex(IndexStore store, IndexRequest r) throws SQLException {
        QueryMatcher matcher = QueryMatcher.compile(r.query(), true, false);
        long deadline = System.nanoTime() + r.timeBudget().toNanos();
        IndexQuery narrow = narrowing(matcher.prefilter());
        if (narrow == null) {
            return scanAll(store, r, matcher, deadline);
        }
        String lineLiteral =
                matcher.prefilter() != null && Tokens.isAscii(matcher.prefilter()) ? matcher.prefilter() : null;
        List<IndexHit> hits = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int offset = 0;
        while (true) {
            List<Row> rows = rows(store, narrow.fts(), r, false, PAGE, offset);
            for (Row row : rows) {
                if (hits.size() == r.limit() || System.nanoTime() - deadline > 0) {
                    return new Found(hits, true);
                }
                if (row.path() == null || !seen.add(row.key())) {
                    continue;
                }
                TurnPiece piece = read(row, lineLiteral);
                Highlighter.Snippet s;
                try {
                    s = piece == null
                            ? null
                            : highlighter.forRegex(piece.text(IndexStore.ROLES[row.role()]), matcher, deadline);
                } catch (QueryMatcher.OutOfTime e) {
                    return new Found(hits, true);
                }
                if (s != null) {
                    hits.add(toHit(row, s));
                }
            }
            if (rows.size() < PAGE) {
                return new Found(hits, false);
            }
            offset += PAGE;
        }
    }

    /**
     * The words of a regex's required literal the index can look up: not the first when the literal starts
     * inside a word (the index cannot find word endings), the last as a prefix when it ends inside one. Null
     * when no word is left.
     */
    static IndexQuery narrowing(String literal) {
        if (literal == null || literal.isEmpty()) {
            return null;
        }
        List<String> terms = IndexQuery.terms(literal);
        if (terms.isEmpty()) {
            return null;
        }
        boolean leftPartial = Tokens.isTokenChar(literal.codePointAt(0));
        boolean rightPartial = Tokens.isTokenChar(literal.codePointBefore(literal.length()));
        int from = leftPartial ? 1 : 0;
        if (from >= terms.size()) {
            return null;
        }
        return new IndexQuery(List.of(new IndexQuery.Clause(terms.subList(from, terms.size()), rightPartial)));
    }

    /** No word to narrow by: the transcripts themselves, newest first, within the time budget. */
    private Found scanAll(IndexStore store, IndexRequest r, QueryMatcher matcher, long deadline) throws SQLException {
        List<Row> files = store.read(c -> {
            List<Row> out = new ArrayList<>();
            String sql = "SELECT id, path, session_id, folder, cwd FROM files"
                    + (r.folder() != null ? " WHERE folder = ? COLLATE NOCASE" : "") + " ORDER BY mtime DESC";
            try (PreparedStatement p = c.prepareStatement(sql)) {
                if (r.folder() != null) {
                    p.setString(1, r.folder());
                }
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Row(
                                rs.getLong(1),
                                0,
                                0,
                                0,
                                0,
                                0,
                                0,
                                rs.getString(2),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getString(5)));
                    }
                }
            }
            return out;
        });
        List<IndexHit> hits = new ArrayList<>();
        boolean truncated = false;
        for (Row f : files) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || hits.size() >= r.limit()) {
                truncated = true;
                break;
            }
            SearchResult res;
            try {
                res = fullScan.search(
                        locator.resolve(f.path()),
                        r.query(),
                        SearchOptions.defaults()
                                .withRegex(true)
                                .withMaxResults(SearchOptions.DEFAULT_MAX_RESULTS * 20)
                                .withTimeBudget(Duration.ofNanos(left)));
            } catch (TranscriptException.PathRefused | UncheckedIOException e) {
                continue;
            }
            truncated |= res.reachedTimeBudget() || res.reachedMaxResults();
            Set<String> seen = new HashSet<>();
            List<SearchHit> newestFirst = new ArrayList<>(res.hits());
            java.util.Collections.reverse(newestFirst);
            for (SearchHit h : newestFirst) {
                String role = role(h.role());
                if ((r.since() != null && (h.at() == null || h.at().isBefore(r.since())))
                        || !seen.add(h.turnIndex() + role)) {
                    continue;
                }
                int[] m = matcher.find(h.snippet());
                hits.add(new IndexHit(
                        f.sessionId(),
                        f.folder(),
                        f.cwd(),
                        h.turnIndex(),
                        h.at(),
                        role,
                        h.snippet(),
                        m == null ? List.of() : List.of(m)));
            }
        }
        hits.sort(Comparator.comparing(IndexHit::time, Comparator.nullsLast(Comparator.reverseOrder())));
        if (hits.size() > r.limit()) {
            truncated = true;
            hits = new ArrayList<>(hits.subList(0, r.limit()));
        }
        return new Found(hits, truncated);
    }

    private static String role(EntryRole role) {
        return switch (role) {
            case USER -> "user";
            case ASSISTANT -> "assistant";
            default -> "tool";
        };
    }

    /**
     * Rows matching {@code match}. bm25 is computed for every row it ranks, so a query matching very many
     * documents ranks only the {@link #RANKED} newest of them (rowids follow time); with a folder all are ranked.
     * Without a folder the page is cut from the ranked ids before the join, so only its rows are looked up in
     * {@code docs} and {@code files}; a row whose doc is gone comes back with a null path (callers skip it) so
     * that a short page still means the last one.
     */
    private static List<Row> rows(IndexStore store, String match, IndexRequest r, boolean ranked, int limit, int offset)
            throws SQLException {
        String since = r.since() != null ? " AND rowid >= ?" : "";
        String columns = "SELECT d.file_id, d.turn, d.seg, d.role, d.time, d.start_off, d.end_off, f.path,"
                + " f.session_id, f.folder, f.cwd FROM ";
        String sql;
        if (ranked && r.folder() == null) {
            sql = columns + "(SELECT id, rank FROM (SELECT rowid AS id, rank FROM fts WHERE fts MATCH ?" + since
                    + " ORDER BY rowid DESC LIMIT " + RANKED + ") ORDER BY rank, id DESC LIMIT ? OFFSET ?) m"
                    + " LEFT JOIN docs d ON d.id = m.id LEFT JOIN files f ON f.id = d.file_id"
                    + " ORDER BY m.rank, m.id DESC";
        } else {
            sql = columns + "(SELECT rowid AS id, rank FROM fts WHERE fts MATCH ?" + since
                    + ") m JOIN docs d ON d.id = m.id JOIN files f ON f.id = d.file_id"
                    + (r.folder() != null ? " WHERE f.folder = ? COLLATE NOCASE" : "")
                    + (ranked ? " ORDER BY m.rank, m.id DESC" : " ORDER BY m.id DESC") + " LIMIT ? OFFSET ?";
        }
        return store.read(c -> query(c, sql, match, r, limit, offset));
    }

    private static List<Row> query(Connection c, String sql, String match, IndexRequest r, int limit, int offset)
            throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            int i = 1;
            p.setString(i++, match);
            if (r.since() != null) {
                p.setLong(i++, Math.max(0, r.since().toEpochMilli()) << IndexStore.ID_SHIFT);
            }
            if (r.folder() != null) {
                p.setString(i++, r.folder());
            }
            p.setInt(i++, limit);
            p.setInt(i, offset);
            List<Row> out = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(new Row(
                            rs.getLong(1),
                            rs.getInt(2),
                            rs.getInt(3),
                            rs.getInt(4),
                            rs.getLong(5),
                            rs.getLong(6),
                            rs.getLong(7),
                            rs.getString(8),
                            rs.getString(9),
                            rs.getString(10),
                            rs.getString(11)));
                }
            }
            return out;
        }
    }
}
