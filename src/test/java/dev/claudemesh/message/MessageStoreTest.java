package dev.claudemesh.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.claudemesh.store.Database;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MessageStoreTest {
    private static final String TO = "abcd1234";

    @TempDir
    Path dir;

    private Database db;
    private MessageStore store;

    @BeforeEach
    void open() throws Exception {
        db = Database.open(dir.resolve("m.db"));
        store = new MessageStore(db);
    }

    @AfterEach
    void close() throws Exception {
        db.close();
    }

    /** Makes every later write of {@code event} to the message log fail inside its transaction. */
    private void failLogging(String event) throws SQLException {
        db.tx(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TRIGGER fail_" + event.replace('-', '_') + " BEFORE INSERT ON message_log WHEN"
                        + " NEW.event = '" + event + "' BEGIN SELECT RAISE(ABORT, 'disk trouble'); END");
            }
            return null;
        });
    }

    @Test
    void open_counts_stay_as_they_were_when_an_ack_does_not_commit() throws Exception {
        store.send("cli", TO, MessageKind.TASK, "do it", null, 0, 1_000);
        Lease l = store.lease(TO, EnumSet.allOf(MessageKind.class), LeaseHolder.CLIENT, 60_000, 10, 10, 2_000);
        failLogging("acked");

        assertThatThrownBy(() -> store.ackLease(l.id(), 3_000)).isInstanceOf(SQLException.class);

        assertThat(store.openCounts(TO)).containsExactly(1, 0);
        assertThat(store.peek(TO, EnumSet.allOf(MessageKind.class), 10))
                .extracting(Message::state)
                .containsExactly(MessageState.LEASED);
    }

    @Test
    void a_send_that_does_not_commit_counts_nothing_and_uses_no_sequence_number() throws Exception {
        store.send("cli", TO, MessageKind.NOTE, "first", null, 0, 1_000);
        failLogging("sent");

        assertThatThrownBy(() -> store.send("cli", TO, MessageKind.TASK, "lost?", null, 0, 2_000))
                .isInstanceOf(SQLException.class);
        assertThat(store.openCounts(TO)).containsExactly(0, 1);

        db.tx(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("DROP TRIGGER fail_sent");
            }
            return null;
        });
        Message next = store.send("cli", TO, MessageKind.TASK, "again", null, 0, 3_000);
        assertThat(next.seq()).isEqualTo(2);
        assertThat(store.openCounts(TO)).containsExactly(1, 1);
    }

    @Test
    void acked_messages_leave_the_open_counts() throws Exception {
        Message m = store.send("cli", TO, MessageKind.TASK, "do it", null, 0, 1_000);
        List<Message> acked = store.ackIds(TO, List.of(m.id()), LeaseHolder.SUPERVISOR, 2_000);
        assertThat(acked).extracting(Message::deliveredVia).containsExactly(LeaseHolder.SUPERVISOR);
        assertThat(store.openCounts(TO)).containsExactly(0, 0);
    }
}
