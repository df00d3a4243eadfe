package dev.claudemesh.install;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuietPromptTest {
    static final Path HOME = Path.of("/home/u/.claudemesh");
    static final String LAUNCHER = "/home/u/.claudemesh/thin/claudemesh hook UserPromptSubmit";

    @Test
    void the_command_is_the_quiet_record_else_exec_of_the_launcher_exactly_as_agreed() {
        assertThat(QuietPrompt.command(HOME, LAUNCHER))
                .isEqualTo("h=${CLAUDEMESH_HOME:-/home/u/.claudemesh}; [ -e \"$h/quiet/p$CLAUDE_PID\" ] && printf"
                        + " 'UserPromptSubmit %s %s\\n' \"$CLAUDE_PID\" \"$CLAUDE_CODE_SESSION_ID\" 2>/dev/null"
                        + " >\"$h/prompts/$$\" || exec /home/u/.claudemesh/thin/claudemesh hook UserPromptSubmit");
        assertThat(QuietPrompt.prefix(HOME)).endsWith("|| exec ");
        assertThat(QuietPrompt.command(HOME, LAUNCHER)).isEqualTo(QuietPrompt.prefix(HOME) + LAUNCHER);
    }

    @Test
    void a_home_with_a_space_a_quote_or_a_brace_is_single_quoted_inside_the_default() {
        assertThat(QuietPrompt.prefix(Path.of("/home/o'neil/my }mesh")))
                .startsWith("h=${CLAUDEMESH_HOME:-'/home/o'\\''neil/my }mesh'}; [ -e ");
    }

    @Test
    void the_marker_and_record_paths_and_the_record_line_follow_the_contract() {
        assertThat(QuietPrompt.marker(HOME, 4242)).isEqualTo(Path.of("/home/u/.claudemesh/quiet/p4242"));
        assertThat(QuietPrompt.records(HOME)).isEqualTo(Path.of("/home/u/.claudemesh/prompts"));
        assertThat(QuietPrompt.record("4242", "s-1")).isEqualTo("UserPromptSubmit 4242 s-1\n");
    }

    @Test
    void the_tail_of_a_command_it_wrote_is_the_launchers_hook_for_any_home() {
        for (String home : List.of("/home/u/.claudemesh", "/home/o'neil/my mesh", "/x/}{'\"$`\\", "/a/''/b")) {
            String launcher = ShellWords.quote(home + "/thin/claudemesh") + " hook UserPromptSubmit";
            String command = QuietPrompt.command(Path.of(home), launcher);

            assertThat(QuietPrompt.tailOf(command)).as(home).isEqualTo(launcher);
            assertThat(MeshEntries.isOurCommand(command)).as(home).isTrue();
            assertThat(MeshEntries.launcherOf(command)).as(home).isEqualTo(home + "/thin/claudemesh");
        }
    }

    @Test
    void anything_but_the_exact_shape_is_not_a_quiet_prompt() {
        String good = QuietPrompt.command(HOME, LAUNCHER);
        List<String> bad = List.of(
                // the home unquoted although it needs quotes, quoted although it need not be, relative, empty
                good.replace("/home/u/.claudemesh}", "/home/u/my mesh}"),
                good.replace("/home/u/.claudemesh}", "'/home/u/.claudemesh'}"),
                good.replace(":-/home/u/.claudemesh}", ":-home/u}"),
                good.replace(":-/home/u/.claudemesh}", ":-}"),
                good.replace(":-/home/u/.claudemesh}", ":-'/home/u}"),
                // the middle changed
                good.replace(" 2>/dev/null", ""),
                good.replace("$h/prompts/$$", "$h/prompts/x"),
                good.replace("|| exec ", "|| "),
                good.replace("h=${CLAUDEMESH_HOME", "g=${CLAUDEMESH_HOME"),
                " " + good,
                // a tail that is not our prompt hook
                QuietPrompt.prefix(HOME) + "/usr/bin/rm -rf /",
                QuietPrompt.prefix(HOME) + "/x/claudemesh hook Stop",
                QuietPrompt.prefix(HOME) + "/x/claudemesh-wrapper hook UserPromptSubmit",
                QuietPrompt.prefix(HOME) + LAUNCHER + " extra",
                QuietPrompt.prefix(HOME),
                "");
        for (String command : bad) {
            assertThat(QuietPrompt.tailOf(command)).as(command).isNull();
        }
        assertThat(QuietPrompt.tailOf(null)).isNull();
    }

    @Test
    void an_imitation_that_only_mentions_claudemesh_is_not_ours() {
        assertThat(MeshEntries.isOurCommand("echo claudemesh || exec /x/claudemesh hook UserPromptSubmit"))
                .isFalse();
        assertThat(MeshEntries.isOurCommand("h=x; /x/claudemesh hook UserPromptSubmit"))
                .isFalse();
        assertThat(MeshEntries.launcherOf(QuietPrompt.prefix(HOME) + "/usr/bin/rm -rf /"))
                .isNull();
    }
}
