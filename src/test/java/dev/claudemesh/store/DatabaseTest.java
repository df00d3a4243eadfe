package dev.claudemesh.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
    @TempDir
    Path dir;

    private static List<String> indexes(Database db) throws Exception {
        return db.read(c -> {
            List<String> out = new ArrayList<>();
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery(
                            "SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%'")) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
    }

    @Test
    void a_new_database_has_the_latest_schema_without_the_unused_pair_index() throws Exception {
        try (Database db = Database.open(dir.resolve("new.db"))) {
            assertThat(db.schemaVersion()).isEqualTo(3);
            assertThat(indexes(db))
                    .contains("messages_open", "messages_lease", "message_log_id")
                    .doesNotContain("messages_pair");
        }
    }

    @Test
    void reopening_a_migrated_database_changes_nothing() throws Exception {
        Path file = dir.resolve("again.db");
        try (Database db = Database.open(file)) {
            assertThat(db.schemaVersion()).isEqualTo(3);
        }
        try (Database db = Database.open(file)) {
            assertThat(db.schemaVersion()).isEqualTo(3);
            assertThat(indexes(db)).doesNotContain("messages_pair");
        }
    }

    @Test
    void a_database_of_the_first_schema_loses_the_pair_index_on_open() throws Exception {
        Path file = dir.resolve("old.db");
        try (Database db = Database.open(file)) {
            db.tx(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE INDEX messages_pair ON messages(from_id, to_id, created_at)");
                    s.execute("ALTER TABLE sessions DROP COLUMN builtin_name"); // added by a later migration
                    s.execute("ALTER TABLE sessions DROP COLUMN builtin_messaging");
                    s.execute("PRAGMA user_version=1");
                }
                return null;
            });
        }
        try (Database db = Database.open(file)) {
            assertThat(db.schemaVersion()).isEqualTo(3);
            assertThat(indexes(db)).doesNotContain("messages_pair");
        }
    }
}
