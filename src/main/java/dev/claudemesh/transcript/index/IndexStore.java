package dev.claudemesh.transcript.index;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The index's own SQLite file (never the message database): a contentless FTS5 table of masked turn text and
 * the rows that say where each piece lies in its transcript. It stores no text, only tokens and offsets; it is a
 * cache that can be deleted and rebuilt at any time. One writer (the indexer thread) and one reader connection.
 *
 * <p>Prefix indexes for 2, 3 and 4 characters: without them FTS5 answers {@code ab*} by merging the doclist of every
 * term that starts with it (and bm25 does that a second time to count the matching rows), which on a large index
 * costs hundreds of milliseconds for a 2-character prefix. Other lengths are answered from the terms themselves:
 * a 5+ character prefix covers few terms and a 1-character one is rare enough not to pay for. Schema 3 added them.
 */
final class IndexStore implements AutoCloseable {
    static final int SCHEMA = 3;
    static final int ID_SHIFT = 12;
    static final long ID_SPAN = 1L << ID_SHIFT;
    static final String[] ROLES = {"user", "assistant", "tool"};

    private static final String SCHEMA_SQL = """
            CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);
            CREATE TABLE IF NOT EXISTS files(
              id INTEGER PRIMARY KEY,
              path TEXT NOT NULL UNIQUE,
              session_id TEXT NOT NULL,
              folder TEXT NOT NULL,
              cwd TEXT,
              file_key TEXT,
              size INTEGER NOT NULL,
              mtime INTEGER NOT NULL,
              head_len INTEGER NOT NULL,
              head_hash INTEGER NOT NULL,
              offset INTEGER NOT NULL,
              tail_start INTEGER NOT NULL,
              tail_turn INTEGER NOT NULL,
              tail_seg INTEGER NOT NULL,
              tail_time INTEGER NOT NULL,
              turns INTEGER NOT NULL);
            CREATE INDEX IF NOT EXISTS files_session ON files(session_id);
            CREATE TABLE IF NOT EXISTS docs(
              id INTEGER PRIMARY KEY,
              file_id INTEGER NOT NULL,
              turn INTEGER NOT NULL,
              seg INTEGER NOT NULL,
              role INTEGER NOT NULL,
              time INTEGER NOT NULL,
              start_off INTEGER NOT NULL,
              end_off INTEGER NOT NULL);
            CREATE INDEX IF NOT EXISTS docs_file ON docs(file_id, turn, seg);
            CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(
              text, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2', prefix='2 3 4');
            """;

    private final Path file;
    private final Connection writer;
    private final Connection reader;

    private IndexStore(Path file, Connection writer, Connection reader) {
        this.file = file;
        this.writer = writer;
        this.reader = reader;
    }

    /** Opens the index file, starting afresh when it is of another schema or unreadable. */
    static IndexStore open(Path file) throws SQLException, IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try {
            return tryOpen(file);
        } catch (SQLException e) {
            deleteFiles(file);
            return tryOpen(file);
        }
    }

    private static IndexStore tryOpen(Path file) throws SQLException {
        Connection w = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try {
            try (Statement s = w.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                // A cache: no fsync. A daemon crash loses nothing (the OS has the pages); a power cut may leave a
                // file that fails to open, and then it is rebuilt.
                s.execute("PRAGMA synchronous=OFF");
                s.execute("PRAGMA busy_timeout=5000");
                s.execute("PRAGMA cache_size=-16384");
                int version;
                try (ResultSet rs = s.executeQuery("PRAGMA user_version")) {
                    version = rs.next() ? rs.getInt(1) : 0;
                }
                if (version != 0 && version != SCHEMA) {
                    throw new SQLException("index schema " + version + ", want " + SCHEMA);
                }
                for (String part : SCHEMA_SQL.split(";\n")) {
                    if (!part.isBlank()) {
                        s.execute(part);
                    }
                }
                s.execute("PRAGMA user_version=" + SCHEMA);
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM files")) {
                    rs.next();
                }
            }
            Connection r = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement s = r.createStatement()) {
                s.execute("PRAGMA busy_timeout=5000");
                s.execute("PRAGMA query_only=1");
            }
            return new IndexStore(file, w, r);
        } catch (SQLException | RuntimeException e) {
            w.close();
            throw e;
        }
    }

    static void deleteFiles(Path file) throws IOException {
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
        }
    }

    Path file() {
        return file;
    }

    /** Bytes on disk: the database and its WAL. */
    long sizeOnDisk() {
        long total = 0;
        for (String suffix : new String[] {"", "-wal"}) {
            try {
                total += Files.size(file.resolveSibling(file.getFileName() + suffix));
            } catch (IOException ignored) {
                // not there
            }
        }
        return total;
    }

    /** Every file's state, by path (writer side). */
    synchronized Map<String, FileState> states() throws SQLException {
        Map<String, FileState> out = new HashMap<>();
        try (Statement s = writer.createStatement();
                ResultSet rs = s.executeQuery("SELECT " + STATE_COLUMNS + " FROM files")) {
            while (rs.next()) {
                FileState st = state(rs);
                out.put(st.path(), st);
            }
        }
        return out;
    }

    synchronized FileState state(String path) throws SQLException {
        try (PreparedStatement p = writer.prepareStatement("SELECT " + STATE_COLUMNS + " FROM files WHERE path=?")) {
            p.setString(1, path);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? state(rs) : null;
            }
        }
    }

    private static final String STATE_COLUMNS = "id, path, session_id, folder, cwd, file_key, size, mtime, head_len,"
            + " head_hash, offset, tail_start, tail_turn, tail_seg, tail_time, turns";

    private static FileState state(ResultSet rs) throws SQLException {
        return new FileState(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getLong(7),
                rs.getLong(8),
                rs.getInt(9),
                rs.getLong(10),
                rs.getLong(11),
                rs.getLong(12),
                rs.getInt(13),
                rs.getInt(14),
                rs.getLong(15),
                rs.getInt(16));
    }

    /** Runs one write transaction on the writer connection. */
    synchronized <T> T write(Work<T> work) throws SQLException {
        writer.setAutoCommit(false);
        Writes w = new Writes(writer);
        try {
            T out = work.run(w);
            w.close();
            writer.commit();
            return out;
        } catch (SQLException | RuntimeException e) {
            w.close();
            writer.rollback();
            throw e;
        } finally {
            writer.setAutoCommit(true);
        }
    }

    /** Runs a read on the reader connection (queries; never blocks the writer in WAL mode). */
    <T> T read(Read<T> work) throws SQLException {
        synchronized (reader) {
            return work.run(reader);
        }
    }

    /** Merges the FTS5 index segments (after a cold build) so queries touch fewer b-trees. */
    synchronized void optimize() throws SQLException {
        try (Statement s = writer.createStatement()) {
            s.execute("INSERT INTO fts(fts) VALUES('optimize')");
            s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
    }

    synchronized void checkpoint() throws SQLException {
        try (Statement s = writer.createStatement()) {
            s.execute("PRAGMA wal_checkpoint(PASSIVE)");
        }
    }

    @Override
    public void close() throws SQLException {
        synchronized (reader) {
            reader.close();
        }
        synchronized (this) {
            writer.close();
        }
    }

    @FunctionalInterface
    interface Work<T> {
        T run(Writes w) throws SQLException;
    }

    @FunctionalInterface
    interface Read<T> {
        T run(Connection c) throws SQLException;
    }

    /** The writes of one transaction. */
    static final class Writes {
        private final Connection c;
        private PreparedStatement lastInRange;
        private PreparedStatement insertDoc;
        private PreparedStatement insertText;

        Writes(Connection c) {
            this.c = c;
        }

        /** Removes a file and everything indexed from it. */
        void deleteFile(long fileId) throws SQLException {
            deleteDocs(fileId, "file_id=?", fileId);
            try (PreparedStatement p = c.prepareStatement("DELETE FROM files WHERE id=?")) {
                p.setLong(1, fileId);
                p.executeUpdate();
            }
        }

        /** Removes the rows of one piece (the open tail, about to be re-read). */
        void deletePiece(long fileId, int turn, int segment) throws SQLException {
            deleteDocs(fileId, "file_id=? AND turn=? AND seg=?", fileId, turn, segment);
        }

        private void deleteDocs(long fileId, String where, Object... args) throws SQLException {
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT id FROM docs WHERE " + where)) {
                for (int i = 0; i < args.length; i++) {
                    p.setObject(i + 1, args[i]);
                }
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
            }
            try (PreparedStatement f = c.prepareStatement("DELETE FROM fts WHERE rowid=?");
                    PreparedStatement d = c.prepareStatement("DELETE FROM docs WHERE id=?")) {
                for (long id : ids) {
                    f.setLong(1, id);
                    f.addBatch();
                    d.setLong(1, id);
                    d.addBatch();
                }
                f.executeBatch();
                d.executeBatch();
            }
        }

        /** Adds one role's text of a piece. */
        void addDoc(long fileId, int turn, int segment, int role, long time, long start, long end, String text)
                throws SQLException {
            if (insertDoc == null) {
                insertDoc = c.prepareStatement("INSERT INTO docs(id, file_id, turn, seg, role, time, start_off,"
                        + " end_off) VALUES(?,?,?,?,?,?,?,?)");
                insertText = c.prepareStatement("INSERT INTO fts(rowid, text) VALUES(?,?)");
                lastInRange = c.prepareStatement("SELECT max(id) FROM docs WHERE id BETWEEN ? AND ?");
            }
            long id = idFor(time);
            insertDoc.setLong(1, id);
            insertDoc.setLong(2, fileId);
            insertDoc.setInt(3, turn);
            insertDoc.setInt(4, segment);
            insertDoc.setInt(5, role);
            insertDoc.setLong(6, time);
            insertDoc.setLong(7, start);
            insertDoc.setLong(8, end);
            insertDoc.executeUpdate();
            insertText.setLong(1, id);
            insertText.setString(2, text);
            insertText.executeUpdate();
        }

        /**
         * Row ids follow the turn's time ({@code time << ID_SHIFT} plus a sequence), so the newest matches are the
         * highest rowids and the FTS5 index can hand them out first, whatever order the files were read in.
         */
        private long idFor(long time) throws SQLException {
            long base = Math.max(0, time) << ID_SHIFT;
            while (true) {
                lastInRange.setLong(1, base);
                lastInRange.setLong(2, base + ID_SPAN - 1);
                long last;
                try (ResultSet rs = lastInRange.executeQuery()) {
                    rs.next();
                    last = rs.getLong(1);
                    if (rs.wasNull()) {
                        return base;
                    }
                }
                if (last + 1 < base + ID_SPAN) {
                    return last + 1;
                }
                base += ID_SPAN; // 4096 documents in one millisecond: borrow the next one
            }
        }

        void close() throws SQLException {
            if (insertDoc != null) {
                insertDoc.close();
                insertText.close();
                lastInRange.close();
            }
        }

        /** Inserts or updates a file's state; returns its id. */
        long saveState(FileState s) throws SQLException {
            if (s.id() > 0) {
                try (PreparedStatement p = c.prepareStatement("UPDATE files SET session_id=?, folder=?, cwd=?,"
                        + " file_key=?, size=?, mtime=?, head_len=?, head_hash=?, offset=?, tail_start=?, tail_turn=?,"
                        + " tail_seg=?, tail_time=?, turns=? WHERE id=?")) {
                    bind(p, s);
                    p.setLong(15, s.id());
                    p.executeUpdate();
                }
                return s.id();
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO files(session_id, folder, cwd, file_key, size,"
                    + " mtime, head_len, head_hash, offset, tail_start, tail_turn, tail_seg, tail_time, turns, path)"
                    + " VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
                bind(p, s);
                p.setString(15, s.path());
                p.executeUpdate();
            }
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT last_insert_rowid()")) {
                rs.next();
                return rs.getLong(1);
            }
        }

        private static void bind(PreparedStatement p, FileState s) throws SQLException {
            p.setString(1, s.sessionId());
            p.setString(2, s.folder());
            p.setString(3, s.cwd());
            p.setString(4, s.fileKey());
            p.setLong(5, s.size());
            p.setLong(6, s.mtime());
            p.setInt(7, s.headLength());
            p.setLong(8, s.headHash());
            p.setLong(9, s.offset());
            p.setLong(10, s.tailStart());
            p.setInt(11, s.tailTurn());
            p.setInt(12, s.tailSegment());
            p.setLong(13, s.tailTime());
            p.setInt(14, s.turns());
        }
    }
}
