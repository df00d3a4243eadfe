package dev.claudemesh.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequiredLiteralTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiterString = " => ",
            nullValues = "NONE",
            value = {
                "'timeout after \\d+ ms' => 'timeout after '",
                "'(connection|socket) refused after' => ' refused after'",
                "'ERR-\\d{4} in' => 'ERR-'",
                "'colou?r scheme' => 'r scheme'",
                "'ab+c' => 'ab'",
                "'abc*def' => 'def'",
                "'x{0,2}yz' => 'yz'",
                "'\\Qa.b*c\\E more' => 'a.b*c more'",
                "'\\Qab\\E?cd' => 'cd'",
                "'foo\\.bar' => 'foo.bar'",
                "'cat|dog' => NONE",
                "'[a-z]+\\d+' => NONE",
                "'abc(?i)def' => NONE",
                "'a\\nb' => 'a'",
            })
    void finds_the_longest_literal_every_match_contains(String regex, String literal) {
        RequiredLiteral.Found found = RequiredLiteral.ofRegex(regex, true);

        assertThat(found == null ? null : found.literal()).isEqualTo(literal);
    }

    @Test
    void a_leading_case_insensitive_flag_folds_the_literal() {
        assertThat(RequiredLiteral.ofRegex("(?i)Hello World", true))
                .isEqualTo(new RequiredLiteral.Found("hello world", true));
        assertThat(RequiredLiteral.ofRegex("Hello", false)).isEqualTo(new RequiredLiteral.Found("hello", true));
    }

    @Test
    void a_substring_query_uses_its_longest_run_of_json_safe_characters() {
        assertThat(RequiredLiteral.ofSubstring("say \"Hello there\", ok", true))
                .isEqualTo(new RequiredLiteral.Found("Hello there", false));
        assertThat(RequiredLiteral.ofSubstring("café au lait", false))
                .isEqualTo(new RequiredLiteral.Found(" au lait", true));
        assertThat(RequiredLiteral.ofSubstring("日本", false)).isNull();
    }
}
