package dev.claudemesh.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The daemon's SQLite database: one connection in WAL mode, every access serialised on this object.
 * A commit is durable against a crash of the daemon process (kill -9): WAL frames are written to the OS
 * before commit returns. Schema changes are numbered migrations tracked in {@code PRAGMA user_version}.
 */
public final class Database implements AutoCloseable {
    /** Append-only: never edit a released migration, add a new one. */
    private static final List<String> MIGRATIONS = List.of("""
            CREATE TABLE sessions(
              id TEXT PRIMARY KEY,
              session_id TEXT NOT NULL UNIQUE,
              pid INTEGER NOT NULL,
              pid_start INTEGER NOT NULL,
              cwd TEXT NOT NULL,
              transcript_path TEXT,
              started_at INTEGER NOT NULL,
              last_active INTEGER NOT NULL,
              idle INTEGER NOT NULL DEFAULT 0);
            CREATE TABLE known_sessions(
              session_id TEXT PRIMARY KEY,
              claude_id TEXT NOT NULL,
              last_seen INTEGER NOT NULL);
            CREATE INDEX known_sessions_claude ON known_sessions(claude_id);
            CREATE TABLE messages(
              id TEXT PRIMARY KEY,
              to_id TEXT NOT NULL,
              seq INTEGER NOT NULL,
              from_id TEXT NOT NULL,
              kind TEXT NOT NULL,
              body TEXT NOT NULL,
              created_at INTEGER NOT NULL,
              in_reply_to TEXT,
              hops INTEGER NOT NULL,
              state TEXT NOT NULL,
              lease_id TEXT,
              lease_holder TEXT,
              lease_expires INTEGER,
              attempts INTEGER NOT NULL DEFAULT 0,
              acked_at INTEGER,
              delivered_via TEXT,
              UNIQUE(to_id, seq));
            CREATE INDEX messages_open ON messages(to_id, state, seq);
            CREATE INDEX messages_lease ON messages(lease_id);
            CREATE INDEX messages_pair ON messages(from_id, to_id, created_at);
            CREATE TABLE message_log(
              message_id TEXT NOT NULL,
              at INTEGER NOT NULL,
              event TEXT NOT NULL,
              detail TEXT);
            CREATE INDEX message_log_id ON message_log(message_id);
            """, """
            DROP INDEX IF EXISTS messages_pair;
            """);

    private final Connection conn;
    private final Connection checkpointer;

    private Database(Connection conn, Connection checkpointer) {
        this.conn = conn;
        this.checkpointer = checkpointer;
    }

    public static Database open(Path file) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=NORMAL");
            s.execute("PRAGMA busy_timeout=5000");
            s.execute("PRAGMA foreign_keys=ON");
            // Writers never checkpoint: that copy (and its fsync) would land on one unlucky send's latency.
            s.execute("PRAGMA wal_autocheckpoint=0");
        }
        Connection cp = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try (Statement s = cp.createStatement()) {
            s.execute("PRAGMA busy_timeout=5000");
        }
        Database db = new Database(c, cp);
        db.migrate();
        return db;
    }

    /**
     * Copies committed WAL frames into the database file from a second connection, without blocking
     * writers (PASSIVE). Called from the daemon's timer; returns the WAL frames still pending.
     */
    public int checkpoint() throws SQLException {
        synchronized (checkpointer) {
            try (Statement s = checkpointer.createStatement();
                    var rs = s.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
                return rs.next() ? rs.getInt(2) - rs.getInt(3) : 0;
            }
        }
    }

    public int schemaVersion() throws SQLException {
        return read(c -> {
            try (Statement s = c.createStatement();
                    var rs = s.executeQuery("PRAGMA user_version")) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        });
    }

    private void migrate() throws SQLException {
        int current = schemaVersion();
        for (int v = current; v < MIGRATIONS.size(); v++) {
            int target = v + 1;
            String sql = MIGRATIONS.get(v);
            tx(c -> {
                try (Statement s = c.createStatement()) {
                    for (String part : sql.split(";")) {
                        if (!part.isBlank()) {
                            s.execute(part);
                        }
                    }
                    s.execute("PRAGMA user_version=" + target);
                }
                return null;
            });
        }
    }

    /** Runs work in one transaction; rolls back on any exception. */
    public synchronized <T> T tx(Work<T> work) throws SQLException {
        conn.setAutoCommit(false);
        try {
            T out = work.run(conn);
            conn.commit();
            return out;
        } catch (SQLException | RuntimeException e) {
            conn.rollback();
            throw e;
        } finally {
            conn.setAutoCommit(true);
        }
    }

    public synchronized <T> T read(Work<T> work) throws SQLException {
        return work.run(conn);
    }

    @Override
    public synchronized void close() throws SQLException {
        synchronized (checkpointer) {
            checkpointer.close();
        }
        conn.close();
    }

    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }
}
