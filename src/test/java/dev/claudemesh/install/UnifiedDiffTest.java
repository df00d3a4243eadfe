package dev.claudemesh.install;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnifiedDiffTest {
    @Test
    void equal_texts_have_no_diff() {
        assertThat(UnifiedDiff.diff("a", "x\ny", "b", "x\ny")).isEmpty();
    }

    @Test
    void a_change_is_shown_with_three_lines_of_context() {
        String before = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10";
        String after = "1\n2\n3\n4\n5\nsix\n7\n8\n9\n10";

        assertThat(UnifiedDiff.diff("a", before, "b", after))
                .isEqualTo("--- a\n+++ b\n@@ -3,7 +3,7 @@\n 3\n 4\n 5\n-6\n+six\n 7\n 8\n 9\n");
    }

    @Test
    void distant_changes_get_separate_hunks_and_a_new_file_starts_at_zero() {
        String before = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl";
        String after = "A\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nL";

        String diff = UnifiedDiff.diff("x", before, "y", after);

        assertThat(diff).contains("@@ -1,4 +1,4 @@\n-a\n+A\n b\n").contains("@@ -9,4 +9,4 @@\n i\n j\n k\n-l\n+L\n");
        assertThat(UnifiedDiff.diff("/dev/null", "", "y", "{}"))
                .isEqualTo("--- /dev/null\n+++ y\n@@ -0,0 +1,1 @@\n+{}\n");
    }
}
