package dev.claudemesh.transcript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TranscriptSearchTest {
    @TempDir
    Path tmp;

    final TranscriptSearch search = new TranscriptSearch();
    final SearchOptions defaults = SearchOptions.defaults();

    TranscriptFile file(TranscriptWriter w) {
        return new TranscriptFile(w.writeTo(tmp.resolve("t.jsonl")));
    }

    TranscriptFile conversation() {
        return file(new TranscriptWriter()
                .prompt("Please fix the Login bug")
                .assistant("Looking at the login handler.")
                .toolUse("t1", "Bash", "{\"command\":\"grep -rn login src\"}")
                .toolResult("t1", "src/Auth.java:42: timeout after 3000 ms")
                .prompt("now deploy it")
                .assistant("Deployed; the LOGIN page works.")
                .prompt("what was the error code?")
                .assistant("It was ERR-4242 with key sk-ant-api03-AbCdEfGhIjKlMnOpQrStUv"));
    }

    static List<Integer> turns(SearchResult r) {
        return r.hits().stream().map(SearchHit::turnIndex).toList();
    }

    @Test
    void search_is_a_case_insensitive_substring_by_default() {
        SearchResult r = search.search(conversation(), "login", defaults);

        assertThat(r.hits())
                .extracting(SearchHit::turnIndex, SearchHit::role)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, EntryRole.USER),
                        org.assertj.core.groups.Tuple.tuple(1, EntryRole.ASSISTANT),
                        org.assertj.core.groups.Tuple.tuple(1, EntryRole.TOOL_USE),
                        org.assertj.core.groups.Tuple.tuple(2, EntryRole.ASSISTANT));
        assertThat(r.hits().get(0).snippet()).isEqualTo("Please fix the Login bug");
        assertThat(r.hits().get(0).at()).hasToString("2026-01-01T00:00:01Z");
        assertThat(r.hits().get(2).name()).isEqualTo("Bash");
        assertThat(r.complete()).isTrue();
        assertThat(r.turnsScanned()).isEqualTo(3);
    }

    @Test
    void case_sensitive_search_matches_case_exactly() {
        SearchResult r = search.search(conversation(), "LOGIN", defaults.withCaseSensitive(true));

        assertThat(turns(r)).containsExactly(2);
    }

    @Test
    void regex_search_uses_re2j_and_finds_tool_output() {
        SearchResult r = search.search(conversation(), "timeout after \\d+ ms", defaults.withRegex(true));

        assertThat(r.hits()).singleElement().satisfies(h -> {
            assertThat(h.role()).isEqualTo(EntryRole.TOOL_RESULT);
            assertThat(h.turnIndex()).isEqualTo(1);
            assertThat(h.snippet()).isEqualTo("src/Auth.java:42: timeout after 3000 ms");
        });
    }

    @Test
    void regex_without_a_literal_still_finds_matches() {
        SearchResult r = search.search(conversation(), "[A-Z]{3}-\\d{4}", defaults.withRegex(true));

        assertThat(turns(r)).containsExactly(3);
    }

    @Test
    void regex_is_case_insensitive_unless_asked_otherwise() {
        assertThat(turns(search.search(conversation(), "err-\\d+", defaults.withRegex(true))))
                .containsExactly(3);
        assertThat(turns(search.search(
                        conversation(), "err-\\d+", defaults.withRegex(true).withCaseSensitive(true))))
                .isEmpty();
    }

    @Test
    void snippets_mask_secrets_unless_redaction_is_off() {
        SearchResult masked = search.search(conversation(), "ERR-4242", defaults);
        SearchResult raw = search.search(conversation(), "ERR-4242", defaults.withRedact(false));

        assertThat(masked.hits().get(0).snippet()).isEqualTo("It was ERR-4242 with key sk-ant-…[REDACTED]");
        assertThat(raw.hits().get(0).snippet()).endsWith("sk-ant-api03-AbCdEfGhIjKlMnOpQrStUv");
    }

    @Test
    void a_long_entry_gives_a_short_snippet_around_the_match() {
        String longText = "a".repeat(500) + " NEEDLE " + "b".repeat(500);
        TranscriptFile file = file(new TranscriptWriter().prompt("p").assistant(longText));

        String snippet = search.search(file, "needle", defaults).hits().get(0).snippet();

        assertThat(snippet).isEqualTo("…" + "a".repeat(79) + " NEEDLE " + "b".repeat(79) + "…");
    }

    @Test
    void json_keys_and_ids_never_match() {
        SearchResult r = search.search(conversation(), "parentUuid", defaults);

        assertThat(r.hits()).isEmpty();
        assertThat(r.complete()).isTrue();
    }

    @Test
    void queries_with_quotes_backslashes_and_non_ascii_match_the_decoded_text() {
        TranscriptFile file =
                file(new TranscriptWriter().prompt("say \"hi\" in C:\\temp").assistant("Café crème for Ünïcode"));

        assertThat(turns(search.search(file, "\"hi\" in c:\\TEMP", defaults))).containsExactly(1);
        assertThat(turns(search.search(file, "CAFÉ CRÈME", defaults))).containsExactly(1);
        assertThat(turns(search.search(file, "ünïcode", defaults))).containsExactly(1);
    }

    @Test
    void slash_commands_are_found_as_the_user_typed_them() {
        TranscriptFile file = file(new TranscriptWriter()
                .prompt("<command-name>/model</command-name>\n<command-args>opus</command-args>"));

        assertThat(turns(search.search(file, "/model opus", defaults))).containsExactly(1);
    }

    @Test
    void context_turns_summarize_the_turns_around_each_hit() {
        TranscriptWriter w = new TranscriptWriter();
        for (int i = 1; i <= 6; i++) {
            w.prompt("prompt number " + i).assistant(i == 4 ? "found the MARKER" : "reply " + i);
        }

        SearchResult r = search.search(file(w), "marker", defaults.withContextTurns(2));

        SearchHit hit = r.hits().get(0);
        assertThat(hit.turnIndex()).isEqualTo(4);
        assertThat(hit.context()).extracting(TurnSummary::index).containsExactly(2, 3, 5, 6);
        assertThat(hit.context()).extracting(TurnSummary::prompt).first().isEqualTo("prompt number 2");
    }

    @Test
    void context_stops_at_the_ends_of_the_transcript() {
        TranscriptWriter w = new TranscriptWriter().prompt("MARKER first").prompt("second");

        SearchResult r = search.search(file(w), "marker", defaults.withContextTurns(3));

        assertThat(r.hits().get(0).context()).extracting(TurnSummary::index).containsExactly(2);
    }

    @Test
    void the_result_cap_stops_the_search_and_says_so() {
        TranscriptWriter w = new TranscriptWriter();
        for (int i = 1; i <= 10; i++) {
            w.prompt("item " + i);
        }

        TranscriptFile file = file(w);

        SearchResult capped = search.search(file, "item", defaults.withMaxResults(3));
        SearchResult all = search.search(file, "item", defaults.withMaxResults(10));

        assertThat(turns(capped)).containsExactly(1, 2, 3);
        assertThat(capped.reachedMaxResults()).isTrue();
        assertThat(capped.complete()).isFalse();
        assertThat(all.hits()).hasSize(10);
        assertThat(all.reachedMaxResults()).isTrue(); // the cap was reached, so more might exist
    }

    @Test
    void the_result_cap_holds_when_one_record_has_several_matching_blocks() {
        TranscriptFile file = file(new TranscriptWriter()
                .prompt("go")
                .raw("{\"type\":\"assistant\",\"message\":{\"content\":["
                        + "{\"type\":\"text\",\"text\":\"hit one\"},{\"type\":\"text\",\"text\":\"hit two\"},"
                        + "{\"type\":\"text\",\"text\":\"hit three\"}]}}"));

        SearchResult r = search.search(file, "hit", defaults.withMaxResults(2));

        assertThat(r.hits()).extracting(SearchHit::snippet).containsExactly("hit one", "hit two");
        assertThat(r.reachedMaxResults()).isTrue();
    }

    @Test
    void the_time_bound_stops_the_search_and_says_so() {
        TranscriptWriter w = new TranscriptWriter();
        for (int i = 1; i <= 2000; i++) {
            w.prompt("item " + i).toolResult("t" + i, "output ".repeat(50));
        }
        TranscriptFile file = file(w);

        SearchResult r =
                search.search(file, "item", defaults.withMaxResults(1000).withTimeBudget(Duration.ofNanos(1)));

        assertThat(r.reachedTimeBudget()).isTrue();
        assertThat(r.hits()).hasSizeLessThan(1000);
        assertThat(r.complete()).isFalse();
    }

    @Test
    void an_invalid_regex_gets_a_clear_message() {
        assertThatThrownBy(() -> search.search(conversation(), "fix(the", defaults.withRegex(true)))
                .isInstanceOf(TranscriptException.InvalidQuery.class)
                .hasMessage("The search pattern is not a valid regular expression (missing closing ) at `fix(the`);"
                        + " fix it, or search for it as plain text without regex.");
        assertThatThrownBy(() -> search.search(conversation(), "", defaults))
                .isInstanceOf(TranscriptException.InvalidQuery.class)
                .hasMessage("The search query is empty; give some text to look for.");
    }

    @Test
    void the_same_text_as_plain_substring_is_not_a_regex() {
        TranscriptFile file = file(new TranscriptWriter().prompt("call fix(the thing) now"));

        assertThat(turns(search.search(file, "fix(the", defaults))).containsExactly(1);
    }

    @Test
    void hits_before_the_first_prompt_are_not_reported() {
        TranscriptFile file =
                file(new TranscriptWriter().assistant("orphan marker").prompt("real marker"));

        assertThat(turns(search.search(file, "marker", defaults))).containsExactly(1);
    }

    @Test
    void turn_numbers_agree_with_the_reader_across_chunk_boundaries_and_bad_lines() {
        TranscriptWriter w = new TranscriptWriter();
        for (int i = 1; i <= 400; i++) {
            w.prompt("question " + i)
                    .raw("{\"broken")
                    .toolUse("t" + i, "Read", "{\"file_path\":\"/f" + i + "\"}")
                    .toolResult("t" + i, "line of output ".repeat(120) + (i % 97 == 0 ? "RARE-" + i : ""))
                    .meta("meta note " + i);
        }
        TranscriptFile file = file(w);
        TranscriptReader reader = new TranscriptReader();

        SearchResult r = search.search(file, "rare-", defaults);

        assertThat(turns(r)).containsExactly(97, 194, 291, 388);
        assertThat(r.turnsScanned()).isEqualTo(reader.countTurns(file)).isEqualTo(400);
        for (SearchHit hit : r.hits()) {
            assertThat(reader.getTurn(file, hit.turnIndex(), true).prompt()).isEqualTo("question " + hit.turnIndex());
        }
    }

    @Test
    void the_captured_transcript_is_searchable() {
        TranscriptFile file = file(new TranscriptWriter().raw(fixture()));

        assertThat(search.search(file, "XYZ-CTX-7781", defaults).hits())
                .singleElement()
                .satisfies(h -> assertThat(h.name()).isEqualTo("hook_additional_context"));
        assertThat(search.search(file, "fake api", defaults).hits()).hasSize(1);
    }

    private static String fixture() {
        try (var in = TranscriptSearchTest.class.getResourceAsStream("/fixtures/transcript-examples.jsonl")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).stripTrailing();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
