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

    @Test
    void the_quiet_prompt_splits_into_words_with_its_operators_glued_and_the_launcher_last() {
        String command = QuietPrompt.command(
                java.nio.file.Path.of("/home/o'neil/my mesh"),
                ShellWords.quote("/home/o'neil/my mesh/thin/claudemesh") + " hook UserPromptSubmit");

        assertThat(ShellWords.split(command))
                .containsExactly(
                        "h=${CLAUDEMESH_HOME:-/home/o'neil/my mesh};",
                        "[",
                        "-e",
                        "$h/quiet/p$CLAUDE_PID",
                        "]",
                        "&&",
                        "printf",
                        "UserPromptSubmit %s %s\\n",
                        "$CLAUDE_PID",
                        "$CLAUDE_CODE_SESSION_ID",
                        "2>/dev/null",
                        ">$h/prompts/$$",
                        "||",
                        "exec",
                        "/home/o'neil/my mesh/thin/claudemesh",
                        "hook",
                        "UserPromptSubmit");
    }
}
