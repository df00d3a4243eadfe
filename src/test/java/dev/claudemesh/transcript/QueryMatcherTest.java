package dev.claudemesh.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QueryMatcherTest {
    static int[] find(String query, boolean regex, boolean caseSensitive, String text) {
        return QueryMatcher.compile(query, regex, caseSensitive).find(text);
    }

    @Test
    void a_case_insensitive_substring_is_found_where_it_starts() {
        assertThat(find("Hello World", false, false, "say hello world twice")).containsExactly(4, 15);
        assertThat(find("CAFÉ au", false, false, "un café AU lait")).containsExactly(3, 10);
        assertThat(find("hello", false, false, "no greeting")).isNull();
        assertThat(find("Hello", false, true, "hello Hello")).containsExactly(6, 11);
    }

    @Test
    void a_substring_may_span_lines() {
        assertThat(find("one\ntwo", false, false, "zero ONE\nTWO three")).containsExactly(5, 12);
    }

    @Test
    void line_local_regexes_keep_the_meaning_of_anchors_and_boundaries() {
        String text = "alpha\nbeta gamma\nERR-1234-ABC end";

        assertThat(find("^beta", true, false, text)).isNull(); // ^ is the start of the text, not of a line
        assertThat(find("(?m)^beta", true, false, text)).containsExactly(6, 10);
        assertThat(find("gamma$", true, false, text)).isNull();
        assertThat(find("(?m)gamma$", true, false, text)).containsExactly(11, 16);
        assertThat(find("\\bERR-\\d{4}-[A-Z]{3}\\b", true, true, text)).containsExactly(17, 29);
        assertThat(find("err-\\d{4}-[a-z]{3}", true, false, text)).containsExactly(17, 29);
        assertThat(find("end$", true, false, text)).containsExactly(30, 33);
    }

    @Test
    void the_first_matching_line_wins_even_when_earlier_lines_hold_the_literal() {
        String text = "ERR-x no\nERR-12 no\nok ERR-5555-QQQ";

        assertThat(find("ERR-\\d{4}-[A-Z]{3}", true, false, text)).containsExactly(22, 34);
    }

    @Test
    void regexes_that_can_match_a_newline_search_the_whole_text() {
        String text = "begin here\nand end there";

        assertThat(find("here\\s+and", true, false, text)).containsExactly(6, 14);
        assertThat(find("(?s)begin.*there", true, false, text)).containsExactly(0, 24);
        assertThat(find("here[^x]and", true, false, text)).containsExactly(6, 14);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiterString = " => ",
            value = {
                "'ERR-\\d{4}-[A-Z]{3}' => true",
                "'\\bfoo\\b.bar' => true",
                "'(?i)foo' => true",
                "'foo\\s+bar' => false",
                "'foo\\nbar' => false",
                "'foo[^x]bar' => false",
                "'(?s)foo.bar' => false",
                "'(?is)foo' => false",
                "'foo\\Wbar' => false",
                "'[[:space:]]' => false",
            })
    void knows_which_regexes_cannot_match_a_newline(String regex, boolean expected) {
        assertThat(QueryMatcher.cannotMatchNewline(regex)).isEqualTo(expected);
    }
}
