package dev.claudemesh.transcript.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.claudemesh.support.TranscriptFixture;
import dev.claudemesh.transcript.TranscriptLocator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Prefix queries against the FTS5 prefix indexes (2, 3, 4 characters) and the terms themselves (other lengths). */
class IndexPrefixTest {
    private static final List<String> PROMPTS = List.of(
            "Migration of the users table",
            "the migrated rows",
            "mice in the migrant server",
            "a m mi mig",
            "Café crème at the cafeteria",
            "cafe1234 build ab12cd",
            "привет привычка",
            "MIGRATIONAL migrations mightily");

    @TempDir
    Path tmp;

    final List<String> errors = new CopyOnWriteArrayList<>();
    TranscriptIndex index;

    @AfterEach
    void stop() {
        if (index != null) {
            index.close();
        }
    }

    void start() {
        index = TranscriptIndex.start(
                db(),
                new TranscriptLocator(tmp.resolve("claude")),
                new TranscriptIndex.Settings(Duration.ofMillis(300), 1 << 20, errors::add));
        await().atMost(Duration.ofSeconds(30)).until(() -> index.status().ready());
    }

    Path db() {
        return tmp.resolve("mesh/index.db");
    }

    TreeSet<Integer> turns(String q) throws Exception {
        TreeSet<Integer> out = new TreeSet<>();
        for (IndexHit h : index.search(new IndexRequest(q, null, null, false, 100, Duration.ofSeconds(5)))
                .hits()) {
            if (h.role().equals("user")) {
                out.add(h.turn());
            }
        }
        return out;
    }

    void writePrompts() {
        TranscriptFixture fx = new TranscriptFixture("s-1", "/w/a");
        PROMPTS.forEach(fx::prompt);
        fx.writeUnder(tmp.resolve("claude"));
    }

    /** The turns whose prompt has a word starting with {@code prefix}, found without the index. */
    static TreeSet<Integer> expected(String prefix) {
        String folded = Tokens.fold(prefix);
        TreeSet<Integer> out = new TreeSet<>();
        for (int i = 0; i < PROMPTS.size(); i++) {
            if (IndexQuery.terms(PROMPTS.get(i)).stream().anyMatch(t -> t.startsWith(folded))) {
                out.add(i + 1);
            }
        }
        return out;
    }

    @Test
    void prefixes_of_every_length_from_one_to_six_match_exactly_the_words_that_start_with_them() throws Exception {
        writePrompts();
        start();
        List<String> words = List.of("Migrations", "cafeteria", "Café", "cafe1234", "ab12cd", "привычка", "mice");
        List<String> checked = new ArrayList<>();
        for (String w : words) {
            for (int len = 1; len <= 6 && len <= w.length(); len++) {
                String prefix = w.substring(0, len);
                assertThat(turns(prefix + "*")).as(prefix + "*").isEqualTo(expected(prefix));
                checked.add(prefix);
            }
        }
        assertThat(expected("mig")).containsExactly(1, 2, 3, 4, 8); // the oracle itself sees what it should
        assertThat(expected("caf")).containsExactly(5, 6);
        assertThat(expected("прив")).containsExactly(7);
        assertThat(checked).hasSizeGreaterThan(30);
        assertThat(errors).isEmpty();
    }

    @Test
    void a_prefix_inside_a_phrase_and_a_prefix_with_other_words_still_match_only_their_turns() throws Exception {
        writePrompts();
        start();
        assertThat(turns("\"the mig\"*")).containsExactly(2, 3);
        assertThat(turns("users mi*")).containsExactly(1);
        assertThat(turns("caf* build")).containsExactly(6);
    }

    @Test
    void an_index_file_of_the_previous_schema_is_rebuilt_with_prefix_indexes_and_answers_prefix_queries()
            throws Exception {
        Files.createDirectories(db().getParent());
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db());
                Statement s = c.createStatement()) { // what schema 2 left: no prefix indexes, a row of its own
            s.execute("CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT)");
            s.execute("CREATE VIRTUAL TABLE fts USING fts5(text, content='', contentless_delete=1,"
                    + " tokenize='unicode61 remove_diacritics 2')");
            s.execute("INSERT INTO fts(rowid, text) VALUES(1, 'stalemate leftover')");
            s.execute("PRAGMA user_version=2");
        }
        writePrompts();
        start();

        assertThat(turns("mig*")).containsExactly(1, 2, 3, 4, 8);
        assertThat(turns("stale*")).isEmpty();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db());
                Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("PRAGMA user_version")) {
                assertThat(rs.getInt(1)).isEqualTo(IndexStore.SCHEMA);
            }
            try (ResultSet rs = s.executeQuery("SELECT sql FROM sqlite_master WHERE name = 'fts'")) {
                assertThat(rs.getString(1)).contains("prefix='2 3 4'");
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_master WHERE name = 'meta'")) {
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
        }
    }

    @Test
    void more_hits_than_one_page_come_back_whole_in_rank_order_without_repeats() throws Exception {
        TranscriptFixture fx = new TranscriptFixture("s-2", "/w/b");
        for (int i = 0; i < 260; i++) {
            fx.prompt(i % 2 == 0 ? "apricot apricot turn " + i : "apricot turn " + i);
        }
        fx.writeUnder(tmp.resolve("claude"));
        start();
        List<IndexHit> hits = index.search(new IndexRequest("apri*", null, null, false, 300, Duration.ofSeconds(5)))
                .hits();
        assertThat(hits).hasSize(260);
        assertThat(hits.stream().map(IndexHit::turn).distinct().count()).isEqualTo(260);
        // bm25 puts the turns that say it twice first; among equals the newest first
        assertThat(hits.subList(0, 130)).allMatch(h -> h.turn() % 2 == 1);
        assertThat(hits.get(0).turn()).isEqualTo(259);
        assertThat(hits.get(130).turn()).isEqualTo(260);
    }
}
