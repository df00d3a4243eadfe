package dev.claudemesh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudemesh.cli.CliMain;
import dev.claudemesh.cli.CliTestAccess;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code Main} decides claudemesh command versus claude argument from the same set picocli is built from. */
class MainDispatchTest {
    private final CommandLine tree = CliTestAccess.commandTree();

    @Test
    void every_picocli_command_and_every_command_main_runs_itself_is_a_subcommand() {
        Set<String> expected = new TreeSet<>(tree.getSubcommands().keySet());
        expected.addAll(CliMain.DISPATCHED_BY_MAIN);
        assertThat(new TreeSet<>(CliMain.SUBCOMMANDS)).isEqualTo(expected);
    }

    @Test
    void main_keeps_every_subcommand_for_claudemesh_and_the_rest_for_claude() {
        for (String name : CliMain.SUBCOMMANDS) {
            if (name.equals("run")) {
                continue; // the supervisor: what follows is claude's
            }
            assertThat(Main.claudeArgs(new String[] {name, "x"})).as(name).isNull();
            assertThat(Main.claudeArgs(new String[] {"--verbose", name}))
                    .as("--verbose " + name)
                    .isNull();
        }
        assertThat(Main.claudeArgs(new String[] {"--model", "opus"})).containsExactly("--model", "opus");
        assertThat(Main.claudeArgs(new String[] {"run", "list"})).containsExactly("list");
        assertThat(Main.claudeArgs(new String[] {"--", "send"})).containsExactly("send");
        assertThat(Main.claudeArgs(new String[0])).isEmpty();
    }

    @Test
    void each_command_is_registered_under_the_name_its_annotation_gives() {
        tree.getSubcommands().forEach((name, sub) -> {
            Object command = sub.getCommandSpec().userObject();
            CommandLine.Command annotation = command.getClass().getAnnotation(CommandLine.Command.class);
            assertThat(annotation).as(name).isNotNull();
            assertThat(List.of(annotation.name(), sub.getCommandSpec().name()))
                    .as(name)
                    .containsOnly(name);
        });
    }

    @Test
    void every_command_takes_dash_h() {
        tree.getSubcommands().forEach((name, sub) -> {
            if (!name.equals("help")) {
                assertThat(sub.getCommandSpec().findOption("-h"))
                        .as(name + " -h")
                        .isNotNull();
            }
        });
    }
}
