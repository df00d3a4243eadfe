package dev.claudemesh.transcript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegexBoundsTest {
    @TempDir
    Path tmp;

    final TranscriptSearch search = new TranscriptSearch();

    @Test
    void nested_counted_repetitions_are_refused_before_compiling_with_the_reason() {
        assertThatThrownBy(() -> QueryMatcher.compile("((a{1000}){1000}){1000}", true, false))
                .isInstanceOf(TranscriptException.InvalidQuery.class)
                .hasMessageContaining("too complex")
                .hasMessageContaining("limit");
        assertThatThrownBy(() -> QueryMatcher.compile("(.{1000}){1000}", true, false))
                .isInstanceOf(TranscriptException.InvalidQuery.class)
                .hasMessageContaining("too complex");
    }

    @Test
    void everyday_patterns_with_counts_still_compile() {
        for (String ok : new String[] {
            "\\d{4}-\\d{2}-\\d{2}",
            "[a-z]{1,64}@[a-z]+",
            "(foo|bar){2,5}",
            "x{1000}",
            "a\\{1000\\}{3}",
            "[{]{5}",
            "\\Q{{\\E"
        }) {
            assertThat(QueryMatcher.compile(ok, true, false)).as(ok).isNotNull();
        }
    }

    @Test
    void a_repeat_count_over_re2js_limit_is_an_invalid_query() {
        assertThatThrownBy(() -> QueryMatcher.compile("a{1001}", true, false))
                .isInstanceOf(TranscriptException.InvalidQuery.class);
    }

    @Test
    void the_time_budget_stops_a_slow_regex_inside_one_huge_entry() {
        String huge = "b".repeat(600_000) + "MARK";
        TranscriptFile f = new TranscriptFile(
                new TranscriptWriter().prompt("start").assistant(huge).writeTo(tmp.resolve("t.jsonl")));
        SearchOptions slow = SearchOptions.defaults().withRegex(true).withTimeBudget(Duration.ofMillis(50));

        SearchResult r = search.search(f, "(.{90}){90}MARK", slow);

        assertThat(r.reachedTimeBudget()).isTrue();
        assertThat(r.hits())
                .as("the entry was abandoned, not matched to its end")
                .isEmpty();
    }
}
