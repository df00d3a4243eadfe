package dev.claudemesh.install;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShellWordsTest {
    @Test
    void safe_words_stay_bare_and_others_are_single_quoted() {
        assertThat(ShellWords.quote("/home/u/.claudemesh/bin/claudemesh"))
                .isEqualTo("/home/u/.claudemesh/bin/claudemesh");
        assertThat(ShellWords.quote("/home/o'neil/x y")).isEqualTo("'/home/o'\\''neil/x y'");
    }

    @Test
    void splitting_undoes_quoting() {
        assertThat(ShellWords.split("'/home/o'\\''neil/x y' hook  Stop"))
                .isEqualTo(List.of("/home/o'neil/x y", "hook", "Stop"));
        assertThat(ShellWords.split("\"/a \\\"b\\\"\" c\\ d")).isEqualTo(List.of("/a \"b\"", "c d"));
        assertThat(ShellWords.split("  ")).isEmpty();
    }
}
