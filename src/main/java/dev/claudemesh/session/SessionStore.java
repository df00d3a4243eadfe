package dev.claudemesh.session;

import dev.claudemesh.store.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Persists live sessions and the session_id → claude id memory that lets {@code --resume} keep an id. */
public final class SessionStore {
    private final Database db;

    public SessionStore(Database db) {
        this.db = db;
    }

    public List<Session> loadAll() throws SQLException {
        return db.read(c -> {
            List<Session> out = new ArrayList<>();
            try (ResultSet rs = c.createStatement()
                    .executeQuery("SELECT id, session_id, pid, pid_start, cwd, transcript_path, started_at,"
                            + " last_active, idle, builtin_messaging, builtin_name FROM sessions")) {
                while (rs.next()) {
                    out.add(new Session(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getLong(3),
                            rs.getLong(4),
                            rs.getString(5),
                            rs.getString(6),
                            rs.getLong(7),
                            rs.getLong(8),
                            rs.getInt(9) != 0,
                            builtin(rs.getInt(10) != 0, rs.getString(11))));
                }
            }
            return out;
        });
    }

    /** Writes the session and remembers its session_id, in one transaction. */
    public void save(Session s) throws SQLException {
        db.tx(c -> {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM sessions WHERE session_id = ? AND id != ?")) {
                del.setString(1, s.sessionId());
                del.setString(2, s.id());
                del.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement("INSERT OR REPLACE INTO sessions(id, session_id, pid,"
                    + " pid_start, cwd, transcript_path, started_at, last_active, idle, builtin_messaging, builtin_name)"
                    + " VALUES(?,?,?,?,?,?,?,?,?,?,?)")) {
                p.setString(1, s.id());
                p.setString(2, s.sessionId());
                p.setLong(3, s.pid());
                p.setLong(4, s.pidStart());
                p.setString(5, s.cwd());
                p.setString(6, s.transcriptPath());
                p.setLong(7, s.startedAt());
                p.setLong(8, s.lastActive());
                p.setInt(9, s.idle() ? 1 : 0);
                p.setInt(10, s.builtin().on() ? 1 : 0);
                p.setString(11, s.builtin().name());
                p.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT OR REPLACE INTO known_sessions(session_id, claude_id, last_seen) VALUES(?,?,?)")) {
                p.setString(1, s.sessionId());
                p.setString(2, s.id());
                p.setLong(3, s.lastActive());
                p.executeUpdate();
            }
            return null;
        });
    }

    public void updateIdle(String id, boolean idle, long now) throws SQLException {
        db.tx(c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE sessions SET idle=?, last_active=? WHERE id=?")) {
                p.setInt(1, idle ? 1 : 0);
                p.setLong(2, now);
                p.setString(3, id);
                p.executeUpdate();
            }
            return null;
        });
    }

    public void updateBuiltin(String id, BuiltinMessaging b) throws SQLException {
        db.tx(c -> {
            try (PreparedStatement p =
                    c.prepareStatement("UPDATE sessions SET builtin_messaging=?, builtin_name=? WHERE id=?")) {
                p.setInt(1, b.on() ? 1 : 0);
                p.setString(2, b.name());
                p.setString(3, id);
                p.executeUpdate();
            }
            return null;
        });
    }

    /** A stored row is trusted only as far as it is valid: a bad name is dropped, not fatal. */
    private static BuiltinMessaging builtin(boolean on, String name) {
        if (!on) {
            return BuiltinMessaging.OFF;
        }
        return BuiltinMessaging.on(BuiltinMessaging.isValidName(name) ? name : null);
    }

    public void delete(String id) throws SQLException {
        db.tx(c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM sessions WHERE id=?")) {
                p.setString(1, id);
                p.executeUpdate();
            }
            return null;
        });
    }

    public Optional<String> claudeIdFor(String sessionId) throws SQLException {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT claude_id FROM known_sessions WHERE session_id=?")) {
                p.setString(1, sessionId);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    public boolean isKnownClaudeId(String id) throws SQLException {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM known_sessions WHERE claude_id=? LIMIT 1")) {
                p.setString(1, id);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /** The Claude Code session a claudemesh id was last seen with. */
    public Optional<String> latestSessionIdFor(String claudeId) throws SQLException {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT session_id FROM known_sessions WHERE claude_id=? ORDER BY last_seen DESC LIMIT 1")) {
                p.setString(1, claudeId);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }
}
