package dev.claudemesh.cli;

import dev.claudemesh.config.MeshHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * {@code doctor}'s look at the daemon's database, read-only: whether SQLite can read it at all (a lock held by
 * another program, a file that is not a database) and whether {@code PRAGMA quick_check} finds it intact. Each
 * problem comes with the recovery that keeps every message that can still be read.
 */
final class DatabaseCheck {
    private DatabaseCheck() {}

    /** Empty when the database is fine (or does not exist yet); otherwise what is wrong and how to recover. */
    static Optional<String> problem(MeshHome home) {
        Path db = home.database();
        if (!Files.exists(db)) {
            return Optional.empty();
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + db + "?mode=ro");
                Statement st = c.createStatement()) {
            st.execute("PRAGMA busy_timeout = 2000");
            try (ResultSet rs = st.executeQuery("PRAGMA quick_check")) {
                String first = rs.next() ? rs.getString(1) : "no answer";
                return "ok".equals(first) ? Optional.empty() : Optional.of(corrupt(db, first));
            }
        } catch (SQLException e) {
            String m = String.valueOf(e.getMessage());
            if (m.contains("SQLITE_BUSY") || m.contains("SQLITE_LOCKED") || m.contains("locked")) {
                return Optional.of(db + " is locked by another program (not the daemon's normal use): find it with"
                        + " `fuser " + db + "` and end it; nothing is lost, the daemon continues once the lock is"
                        + " gone");
            }
            return Optional.of(corrupt(db, m));
        }
    }

    private static String corrupt(Path db, String detail) {
        return db + " is damaged (" + detail + "). To recover without losing messages: stop the daemon (`claudemesh"
                + " daemon --stop`), copy " + db.getFileName() + "* aside, run `sqlite3 " + db + " .recover | sqlite3 "
                + db + ".recovered` and move " + db.getFileName() + ".recovered over " + db.getFileName()
                + " (.recover keeps every row it can still read)";
    }
}
