package dev.claudemesh.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudemesh.bench.TranscriptBench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The search on several cores must give exactly the sequential search's result. */
class ParallelSearchTest {
    @TempDir
    static Path tmp;

    static TranscriptFile file;
    static long size;

    final TranscriptSearch sequential = new TranscriptSearch(Redactor.defaults(), 1, 0);
    final TranscriptSearch parallel = new TranscriptSearch(Redactor.defaults(), 2, 0);
    final TranscriptSearch wide = new TranscriptSearch(Redactor.defaults(), 4, 0);

    @BeforeAll
    static void transcript() throws Exception {
        Path path = tmp.resolve("t.jsonl");
        TranscriptBench.generate(path, 6L << 20); // ~24 chunks of lines, hundreds of turns
        file = new TranscriptFile(path);
        size = Files.size(path);
    }

    static SearchOptions regex() {
        return SearchOptions.defaults().withRegex(true).withMaxResults(1000).withTimeBudget(Duration.ofMinutes(5));
    }

    /** Everything but the elapsed time. */
    static void assertSame(SearchResult actual, SearchResult expected) {
        assertThat(actual.hits()).containsExactlyElementsOf(expected.hits());
        assertThat(actual.reachedMaxResults()).isEqualTo(expected.reachedMaxResults());
        assertThat(actual.reachedTimeBudget()).isEqualTo(expected.reachedTimeBudget());
        assertThat(actual.turnsScanned()).isEqualTo(expected.turnsScanned());
        assertThat(actual.bytesScanned()).isEqualTo(expected.bytesScanned());
    }

    @Test
    void every_hit_of_a_full_scan_comes_in_the_same_order_with_the_same_turns_and_context() {
        for (String re : new String[] {"\\d{4}.[A-Z]{3}", "[a-z]{6}\\d\\d?\\.", "\\d{4}\\b"}) {
            SearchResult expected = sequential.search(file, re, regex().withContextTurns(2));
            assertThat(expected.hits()).as(re).hasSizeGreaterThan(3);
            assertThat(expected.reachedTimeBudget()).isFalse();
            assertThat(expected.turnsScanned()).as(re).isGreaterThan(10);

            assertSame(parallel.search(file, re, regex().withContextTurns(2)), expected);
            assertSame(wide.search(file, re, regex().withContextTurns(2)), expected);
        }
    }

    @Test
    void a_result_cap_reached_mid_file_stops_at_the_same_hit_and_still_gathers_the_context_after_it() {
        SearchOptions capped = regex().withMaxResults(7).withContextTurns(3);
        SearchResult expected = sequential.search(file, "[a-z]{6}\\d", capped);
        assertThat(expected.reachedMaxResults()).isTrue();
        assertThat(expected.bytesScanned()).isLessThan(size);

        assertSame(parallel.search(file, "[a-z]{6}\\d", capped), expected);
    }

    @Test
    void case_sensitive_and_every_line_substring_like_regexes_agree_too() {
        SearchOptions sensitive = regex().withCaseSensitive(true).withContextTurns(1);
        SearchResult expected = sequential.search(file, "[A-Z]{3}\\b", sensitive);

        assertSame(parallel.search(file, "[A-Z]{3}\\b", sensitive), expected);
    }

    @Test
    void a_budget_that_runs_out_mid_file_returns_the_hits_found_before_in_order_and_says_so() {
        String re = "\\d{4}.[A-Z]{3}"; // rare: only the budget stops it
        SearchResult full = sequential.search(file, re, regex());
        // the budget has to run out mid-file on any machine: halve it until it does (a quiet, warmed-up machine
        // scanned the whole file within 40 ms, and the budget never ran out)
        SearchResult cut = null;
        for (long millis = 40; millis >= 1; millis /= 2) {
            cut = parallel.search(file, re, regex().withTimeBudget(Duration.ofMillis(millis)));
            if (cut.reachedTimeBudget()) {
                break;
            }
        }

        assertThat(cut.reachedTimeBudget()).isTrue();
        assertThat(cut.bytesScanned()).isLessThan(size);
        assertThat(full.hits()
                        .subList(0, Math.min(cut.hits().size(), full.hits().size())))
                .containsExactlyElementsOf(cut.hits());
    }

    @Test
    void a_small_transcript_stays_on_the_calling_thread_with_the_same_result() {
        TranscriptSearch defaults = new TranscriptSearch(Redactor.defaults());

        assertSame(
                defaults.search(file, "\\d{4}.[A-Z]{3}", regex()), sequential.search(file, "\\d{4}.[A-Z]{3}", regex()));
    }
}
