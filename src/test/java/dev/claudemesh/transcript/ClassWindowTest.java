package dev.claudemesh.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ClassWindowTest {
    @Test
    void three_letters_then_four_digits_is_the_window_of_the_benchmark_regex() {
        ClassWindow w = ClassWindow.of("\\b[A-Z]{3}\\d{4}\\b", false);

        assertThat(w).isNotNull();
        assertThat(w.length()).isEqualTo(7);
        assertThat(w.find("Module37.java:1234: abc", 0, 23)).isEqualTo(-1);
        assertThat(w.find("see xYz1234 here", 0, 16)).isEqualTo(4);
        assertThat(ClassWindow.of("\\b[A-Z]{3}\\d{4}\\b", true).find("see xYz1234 here", 0, 16))
                .isEqualTo(-1);
    }

    @Test
    void groups_alternation_flags_and_unicode_classes_give_no_window() {
        for (String re : new String[] {"(ab)\\d{4}", "a|\\d{4}", "(?i)\\d{4}", "\\p{L}\\d{4}", "[[:digit:]]{4}"}) {
            assertThat(ClassWindow.of(re, true)).as(re).isNull();
        }
    }

    @Test
    void a_window_that_rejects_too_little_is_not_used() {
        assertThat(ClassWindow.of(".+", true)).isNull();
        assertThat(ClassWindow.of("\\w", false)).isNull();
        assertThat(ClassWindow.of("a*b?\\d*", true)).isNull();
    }

    @Test
    void only_the_copies_next_to_the_following_class_join_it_after_a_counted_range() {
        ClassWindow w = ClassWindow.of("\\d{2,5}[xy]", true);

        assertThat(w).isNotNull();
        assertThat(w.find("12345x", 0, 6)).isEqualTo(3); // the last two digits, then x
        assertThat(w.find("1x 2x", 0, 5)).isEqualTo(-1);
    }

    @Test
    void case_folding_admits_non_ascii_letters_that_fold_to_ascii() {
        String kelvin = "\u212a"; // folds to k under (?i)
        QueryMatcher m = QueryMatcher.compile("[k]\\d{4}", true, false);

        assertThat(m.usesClassWindow()).isTrue();
        assertThat(m.find("x " + kelvin + "1234 y")).containsExactly(2, 7);
    }

    /** The window only skips text: whatever re2j finds on the whole text, the matcher finds at the same place. */
    @Test
    void matching_with_a_window_finds_exactly_what_re2j_finds_on_random_regexes_and_texts() {
        Random rnd = new Random(7);
        String[] atoms = {"a", "B", "\\d", "\\w", "\\W", ".", "[a-c]", "[^x]", "[0-9_]", "\\.", "-", "\\s", "k", "\\D"};
        String[] counts = {"", "", "?", "*", "+", "{2}", "{1,3}", "{2,}", "*?", "{3}"};
        String[] anchors = {"", "", "", "\\b", "^", "$", "\\B"};
        String alphabet = "aAbBcCkKxX0123456789_.- \n\t\u212a\u017fé漢";
        int windows = 0;
        for (int round = 0; round < 3000; round++) {
            StringBuilder re = new StringBuilder(anchors[rnd.nextInt(anchors.length)]);
            int n = 1 + rnd.nextInt(5);
            for (int k = 0; k < n; k++) {
                re.append(atoms[rnd.nextInt(atoms.length)]).append(counts[rnd.nextInt(counts.length)]);
                re.append(anchors[rnd.nextInt(anchors.length)]);
            }
            boolean caseSensitive = rnd.nextBoolean();
            QueryMatcher matcher;
            try {
                matcher = QueryMatcher.compile(re.toString(), true, caseSensitive);
            } catch (TranscriptException.InvalidQuery invalid) {
                continue;
            }
            if (!matcher.usesClassWindow()) {
                continue; // a literal prefilter (or none): not this class's business
            }
            windows++;
            Pattern plain = Pattern.compile(re.toString(), caseSensitive ? 0 : Pattern.CASE_INSENSITIVE);
            for (int t = 0; t < 20; t++) {
                StringBuilder text = new StringBuilder();
                int len = rnd.nextInt(60);
                for (int k = 0; k < len; k++) {
                    text.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
                }
                Matcher expected = plain.matcher(text);
                int[] want = expected.find() ? new int[] {expected.start(), expected.end()} : null;
                assertThat(matcher.find(text.toString()))
                        .as("/%s/ %s in \"%s\"", re, caseSensitive ? "case-sensitive" : "folded", text)
                        .isEqualTo(want);
            }
        }
        assertThat(windows).as("regexes that used a window").isGreaterThan(300);
    }
}
