package dev.claudemesh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudemesh.config.MeshHome;
import dev.claudemesh.store.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseCheckTest {
    @TempDir
    Path tmp;

    @Test
    void an_intact_database_passes() throws Exception {
        MeshHome home = new MeshHome(tmp).ensure();
        Database.open(home.database()).close();
        assertThat(DatabaseCheck.problem(home)).isEmpty();
    }

    @Test
    void a_corrupt_database_is_reported_with_a_recovery_that_keeps_the_messages() throws Exception {
        MeshHome home = new MeshHome(tmp).ensure();
        Files.writeString(home.database(), "this is not a database at all, just text ".repeat(200));
        assertThat(DatabaseCheck.problem(home))
                .hasValueSatisfying(p -> assertThat(p)
                        .contains(home.database().toString())
                        .contains("damaged")
                        .contains(".recover")
                        .contains("daemon --stop"));
    }

    @Test
    void a_database_locked_by_another_program_is_reported_as_locked() throws Exception {
        MeshHome home = new MeshHome(tmp).ensure();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + home.database());
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE t(x)");
            st.execute("BEGIN EXCLUSIVE");
            st.execute("INSERT INTO t VALUES (1)");
            assertThat(DatabaseCheck.problem(home))
                    .hasValueSatisfying(p -> assertThat(p).contains("locked").contains("fuser"));
            st.execute("ROLLBACK");
        }
    }
}
