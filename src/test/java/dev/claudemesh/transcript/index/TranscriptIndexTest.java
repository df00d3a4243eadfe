package dev.claudemesh.transcript.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.claudemesh.support.TranscriptFixture;
import dev.claudemesh.transcript.TranscriptLocator;
import dev.claudemesh.transcript.TranscriptReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TranscriptIndexTest {
    @TempDir
    Path tmp;

    final List<String> errors = new CopyOnWriteArrayList<>();
    TranscriptIndex index;

    Path config() {
        return tmp.resolve("claude");
    }

    TranscriptIndex start() {
        index = TranscriptIndex.start(
                tmp.resolve("mesh/index.db"),
                new TranscriptLocator(config()),
                new TranscriptIndex.Settings(Duration.ofMillis(300), 1 << 20, errors::add));
        return index;
    }

    @AfterEach
    void stop() {
        if (index != null) {
            index.close();
        }
    }

    List<IndexHit> search(String q) throws Exception {
        return index.search(new IndexRequest(q, null, null, false, 50, Duration.ofSeconds(5)))
                .hits();
    }

    List<IndexHit> awaitHits(String q, int n) {
        await().atMost(Duration.ofSeconds(30)).until(() -> search(q).size() == n);
        try {
            return search(q);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static void append(Path file, String text) throws Exception {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    static String promptLine(String sessionId, String cwd, String text, String at) {
        return "{\"type\":\"user\",\"isSidechain\":false,\"message\":{\"role\":\"user\",\"content\":\""
                + text + "\"},\"uuid\":\"x-" + text.hashCode() + "\",\"timestamp\":\"" + at + "\",\"sessionId\":\""
                + sessionId + "\",\"cwd\":\"" + cwd + "\"}\n";
    }

    @Test
    void transcripts_in_several_folders_are_found_with_session_folder_turn_time_and_role() throws Exception {
        new TranscriptFixture("s-api", "/home/u/api")
                .prompt("fix the flaky migration")
                .assistant("The migration races the seed step.")
                .prompt("deploy it")
                .writeUnder(config());
        new TranscriptFixture("s-web", "/home/u/web")
                .prompt("style the header")
                .toolUse("t1", "Bash", "{\"command\":\"npm run migration-check\"}")
                .toolResult("t1", "migration ok")
                .writeUnder(config());
        start();

        List<IndexHit> hits = awaitHits("migration", 3);

        assertThat(hits).extracting(IndexHit::sessionId).contains("s-api", "s-web");
        IndexHit prompt =
                hits.stream().filter(h -> h.role().equals("user")).findFirst().orElseThrow();
        assertThat(prompt.folder()).isEqualTo("api");
        assertThat(prompt.cwd()).isEqualTo("/home/u/api");
        assertThat(prompt.turn()).isEqualTo(1);
        assertThat(prompt.time()).isEqualTo(Instant.parse("2026-11-26T10:00:01Z"));
        assertThat(prompt.snippet()).isEqualTo("fix the flaky migration");
        assertThat(prompt.highlights())
                .singleElement()
                .satisfies(h -> assertThat(h).containsExactly(14, 23));
        assertThat(hits.stream().filter(h -> h.sessionId().equals("s-web")))
                .singleElement()
                .satisfies(h -> assertThat(h.role()).isEqualTo("tool"));
        assertThat(index.search(new IndexRequest("migration", "WEB", null, false, 10, Duration.ofSeconds(1)))
                        .hits())
                .extracting(IndexHit::folder)
                .containsExactly("web");
        assertThat(search("migration deploy")).isEmpty(); // all words must match within one turn and role
        assertThat(errors).isEmpty();
    }

    @Test
    void turn_numbers_agree_with_history() throws Exception {
        Path f = new TranscriptFixture("s-1", "/w/a")
                .prompt("one")
                .assistant("alpha")
                .prompt("two")
                .assistant("bravo zulu")
                .prompt("three")
                .assistant("charlie")
                .writeUnder(config());
        start();

        IndexHit hit = awaitHits("zulu", 1).get(0);

        var turn = new TranscriptReader()
                .getTurn(new TranscriptLocator(config()).resolve(f.toString()), hit.turn(), false);
        assertThat(turn.prompt()).isEqualTo("two");
        assertThat(hit.turn()).isEqualTo(2);
    }

    @Test
    void phrases_prefixes_and_ranking_follow_the_query() throws Exception {
        new TranscriptFixture("s-1", "/w/a")
                .prompt("the database migration failed")
                .prompt("migration of the database")
                .prompt("migrating users")
                .writeUnder(config());
        start();
        awaitHits("database", 2);

        assertThat(search("\"database migration\"")).extracting(IndexHit::turn).containsExactly(1);
        assertThat(search("migrat*")).extracting(IndexHit::turn).containsExactlyInAnyOrder(1, 2, 3);
        assertThat(search("\"migration of\"")).extracting(IndexHit::turn).containsExactly(2);
        assertThat(search("MIGRATION Database")).extracting(IndexHit::turn).containsExactlyInAnyOrder(1, 2);
        IndexHit prefix = search("migrat*").stream()
                .filter(h -> h.turn() == 3)
                .findFirst()
                .orElseThrow();
        assertThat(prefix.snippet()
                        .substring(
                                prefix.highlights().get(0)[0],
                                prefix.highlights().get(0)[1]))
                .isEqualTo("migrating");
    }

    @Test
    void queries_with_fts5_syntax_characters_never_fail() throws Exception {
        new TranscriptFixture("s-1", "/w/a")
                .prompt("NEAR the col: value (x) ^start -minus a*b \"quoted\"")
                .writeUnder(config());
        start();
        awaitHits("value", 1);

        for (String q : List.of(
                "\"",
                "\"unbalanced",
                "quoted\"",
                "*",
                "a*b",
                "-minus",
                "NEAR(the col)",
                "NEAR",
                "col:value",
                "(x)",
                "^start",
                "AND OR NOT",
                "value OR",
                "'single",
                "\"\"\"",
                "{col}",
                "x:*",
                "NOT value")) {
            try {
                assertThat(index.search(new IndexRequest(q, null, null, false, 10, Duration.ofSeconds(1))))
                        .as(q)
                        .isNotNull();
            } catch (dev.claudemesh.transcript.TranscriptException.InvalidQuery e) {
                assertThat(e).as(q).hasMessageContaining("no words"); // only punctuation: a clear refusal
                assertThat(q).doesNotContainPattern("[A-Za-z0-9]");
            }
        }
        assertThat(search("NEAR(the col)")).hasSize(1);
        assertThat(search("col:value")).hasSize(1);
        assertThat(search("-minus")).hasSize(1);
        assertThat(search("\"unbalanced")).isEmpty();
    }

    @Test
    void a_query_of_only_punctuation_is_refused_with_a_reason() {
        start();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> search("*** -- \"\""))
                .hasMessageContaining("no words");
    }

    @Test
    void appended_prompts_become_searchable_and_a_half_written_line_once_complete() throws Exception {
        Path f = new TranscriptFixture("s-1", "/w/a").prompt("first prompt").writeUnder(config());
        start();
        awaitHits("first", 1);

        append(f, promptLine("s-1", "/w/a", "second gadget", "2026-11-26T11:00:00Z"));
        assertThat(awaitHits("gadget", 1).get(0).turn()).isEqualTo(2);

        String line = promptLine("s-1", "/w/a", "third widget", "2026-11-26T12:00:00Z");
        append(f, line.substring(0, 40));
        index.reconcile();
        await().during(Duration.ofMillis(700))
                .atMost(Duration.ofSeconds(5))
                .until(() -> search("widget").isEmpty());
        append(f, line.substring(40));
        assertThat(awaitHits("widget", 1).get(0).turn()).isEqualTo(3);
        assertThat(search("first")).hasSize(1);
    }

    @Test
    void assistant_text_appended_to_the_last_turn_is_found_in_that_turn() throws Exception {
        Path f = new TranscriptFixture("s-1", "/w/a").prompt("go").writeUnder(config());
        start();
        awaitHits("go", 1);
        append(
                f,
                "{\"type\":\"assistant\",\"message\":{\"role\":\"assistant\",\"content\":[{\"type\":\"text\","
                        + "\"text\":\"done with the kiwi\"}]},\"timestamp\":\"2026-11-26T10:00:09Z\"}\n");

        IndexHit hit = awaitHits("kiwi", 1).get(0);

        assertThat(hit.turn()).isEqualTo(1);
        assertThat(hit.role()).isEqualTo("assistant");
        assertThat(search("go")).hasSize(1);
    }

    @Test
    void a_truncated_or_rewritten_file_is_indexed_again_and_a_deleted_one_forgotten() throws Exception {
        Path f = new TranscriptFixture("s-1", "/w/a")
                .prompt("apple")
                .prompt("banana")
                .writeUnder(config());
        start();
        awaitHits("banana", 1);

        Files.writeString(f, promptLine("s-1", "/w/a", "cherry", "2026-11-26T10:00:00Z"));
        awaitHits("cherry", 1);
        assertThat(search("banana")).isEmpty();
        assertThat(search("apple")).isEmpty();

        Path fresh = f.resolveSibling("tmp.new");
        Files.writeString(fresh, promptLine("s-1", "/w/a", "damson", "2026-11-26T10:00:00Z"));
        Files.move(fresh, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        awaitHits("damson", 1);
        assertThat(search("cherry")).isEmpty();

        Files.delete(f);
        awaitHits("damson", 0);
        await().atMost(Duration.ofSeconds(30)).until(() -> index.status().files() == 0);
    }

    @Test
    void a_planted_key_never_reaches_results_or_the_index_file() throws Exception {
        new TranscriptFixture("s-1", "/w/a")
                .prompt("use the key " + TranscriptFixture.FAKE_KEY + " for the canary")
                .toolResult("t1", "export ANTHROPIC_API_KEY=" + TranscriptFixture.FAKE_KEY)
                .writeUnder(config());
        start();

        List<IndexHit> hits = awaitHits("canary", 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> index.status().ready());

        String secretPart = TranscriptFixture.FAKE_KEY.substring("sk-ant-api03-".length(), 40);
        assertThat(hits.get(0).snippet()).contains("sk-ant-…[REDACTED]").doesNotContain(secretPart);
        assertThat(search("Zx9Qw8Er7Ty6Ui5Op4As3Df2Gh1Jk0LzXcVbNm")).isEmpty();
        assertThat(search("ANTHROPIC_API_KEY"))
                .allSatisfy(h -> assertThat(h.snippet()).doesNotContain(secretPart));
        index.close();
        index = null;
        for (Path p : Files.list(tmp.resolve("mesh")).toList()) {
            String bytes = new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1).toLowerCase();
            assertThat(bytes).as(p.toString()).doesNotContain(secretPart.toLowerCase());
        }
    }

    @Test
    void a_regex_is_narrowed_by_its_words_and_confirmed_and_one_without_words_scans() throws Exception {
        new TranscriptFixture("s-1", "/w/a")
                .prompt("the request timeout after 3000 ms")
                .prompt("timeout after a while")
                .prompt("code ERR-4242-XYZ seen")
                .writeUnder(config());
        start();
        awaitHits("timeout", 2);

        List<IndexHit> narrowed = index.search(
                        new IndexRequest("timeout after \\d+ ms", null, null, true, 10, Duration.ofSeconds(5)))
                .hits();
        assertThat(narrowed).extracting(IndexHit::turn).containsExactly(1);
        IndexHit h = narrowed.get(0);
        assertThat(h.snippet()
                        .substring(h.highlights().get(0)[0], h.highlights().get(0)[1]))
                .isEqualTo("timeout after 3000 ms");

        List<IndexHit> scanned = index.search(
                        new IndexRequest("[A-Z]{3}-\\d{4}", null, null, true, 10, Duration.ofSeconds(5)))
                .hits();
        assertThat(scanned).extracting(IndexHit::turn).containsExactly(3);
    }

    @Test
    void since_keeps_only_recent_turns() throws Exception {
        new TranscriptFixture("s-1", "/w/a").prompt("old lemon").writeUnder(config());
        start();
        awaitHits("lemon", 1);
        assertThat(index.search(new IndexRequest(
                                "lemon", null, Instant.parse("2026-11-27T00:00:00Z"), false, 10, Duration.ofSeconds(1)))
                        .hits())
                .isEmpty();
    }

    @Test
    void a_restart_resumes_without_reading_everything_again() throws Exception {
        TranscriptFixture fx = new TranscriptFixture("s-1", "/w/a").prompt("persistent plum");
        for (int i = 0; i < 20; i++) {
            fx.assistant("x".repeat(5_000)).prompt("turn " + i);
        }
        Path f = fx.writeUnder(config());
        start();
        awaitHits("plum", 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> index.status().ready());
        assertThat(index.status().bytesIndexedSinceStart()).isGreaterThan(50_000);
        index.close();

        append(f, promptLine("s-1", "/w/a", "later quince", "2026-11-27T10:00:00Z"));
        start();
        awaitHits("quince", 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> index.status().ready());

        assertThat(search("plum")).hasSize(1);
        assertThat(index.status().bytesIndexedSinceStart()).isLessThan(10_000); // the last turn and the new line
        assertThat(index.status().turns()).isEqualTo(22);
    }

    @Test
    void a_turn_longer_than_a_segment_is_found_once_per_role() throws Exception {
        TranscriptFixture fx = new TranscriptFixture("s-1", "/w/a").prompt("long run");
        for (int i = 0; i < 40; i++) {
            fx.toolUse("t" + i, "Bash", "{\"command\":\"step " + i + "\"}")
                    .toolResult("t" + i, "output mango " + "y".repeat(60_000));
        }
        fx.prompt("short");
        fx.writeUnder(config());
        start();

        List<IndexHit> hits = awaitHits("mango", 1);

        assertThat(hits.get(0).turn()).isEqualTo(1);
        assertThat(hits.get(0).role()).isEqualTo("tool");
        assertThat(awaitHits("short", 1).get(0).turn()).isEqualTo(2);
    }
}
