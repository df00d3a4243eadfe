package dev.claudemesh.install;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class MeshEntriesTest {
    private final MeshEntries entries = new MeshEntries(Path.of("/home/u/.claudemesh/bin/claudemesh"));

    @Test
    void commands_run_the_launcher() {
        assertThat(entries.command("hook", "Stop")).isEqualTo("/home/u/.claudemesh/bin/claudemesh hook Stop");
        assertThat(new MeshEntries(Path.of("/home/my user/bin/claudemesh")).command("statusline"))
                .isEqualTo("'/home/my user/bin/claudemesh' statusline");
    }

    @Test
    void our_commands_are_recognised_by_program_name_and_verb() {
        assertThat(MeshEntries.isOurCommand("/home/u/.claudemesh/bin/claudemesh hook Stop"))
                .isTrue();
        assertThat(MeshEntries.isOurCommand("/opt/other/claudemesh statusline")).isTrue();
        assertThat(MeshEntries.isOurCommand("claudemesh mcp")).isTrue();
        assertThat(MeshEntries.isOurCommand("'/home/my user/bin/claudemesh' hook SessionStart"))
                .isTrue();
        assertThat(MeshEntries.isOurCommand("claudemesh send --note x hi")).isFalse();
        assertThat(MeshEntries.isOurCommand("~/bin/claudemesh-wrapper hook Stop"))
                .isFalse();
        assertThat(MeshEntries.isOurCommand("notify-send 'claudemesh hook'")).isFalse();
        assertThat(MeshEntries.isOurCommand("")).isFalse();
    }

    @Test
    void stop_gets_the_hook_and_the_background_waiter() {
        var groups = entries.hookGroups("Stop");

        assertThat(groups).hasSize(2);
        assertThat(groups.get(1).toString())
                .isEqualTo("{\"hooks\":[{\"type\":\"command\",\"command\":\"/home/u/.claudemesh/bin/claudemesh hook"
                        + " StopWaiter\",\"asyncRewake\":true,\"timeout\":3600}]}");
    }

    @Test
    void the_mcp_server_is_recognised_by_command_and_first_argument() {
        assertThat(MeshEntries.isOurServer(entries.mcpServer())).isTrue();
        assertThat(entries.mcpServer().toString())
                .isEqualTo("{\"type\":\"stdio\",\"command\":\"/home/u/.claudemesh/bin/claudemesh\",\"args\":[\"mcp\"],"
                        + "\"env\":{}}");
    }

    @Test
    void on_the_thin_path_only_the_prompt_hook_is_the_quiet_prompt() {
        InstallPaths paths = new InstallPaths(
                Path.of("/home/u/.claude/settings.json"),
                Path.of("/home/u/.claude.json"),
                Path.of("/home/u/.claudemesh"));
        MeshEntries thin = MeshEntries.thin(paths);
        String l = "/home/u/.claudemesh/thin/claudemesh";

        assertThat(thin.hookCommand("UserPromptSubmit"))
                .isEqualTo(QuietPrompt.prefix(Path.of("/home/u/.claudemesh")) + l + " hook UserPromptSubmit");
        assertThat(thin.hookGroups("UserPromptSubmit")
                        .get(0)
                        .path("hooks")
                        .path(0)
                        .path("command")
                        .textValue())
                .isEqualTo(thin.hookCommand("UserPromptSubmit"));
        for (String event : List.of("SessionStart", "Stop", "SessionEnd")) {
            assertThat(thin.hookGroups(event)
                            .get(0)
                            .path("hooks")
                            .path(0)
                            .path("command")
                            .textValue())
                    .isEqualTo(l + " hook " + event);
        }
        assertThat(thin.statusLine().path("command").textValue()).isEqualTo(l + " statusline");
        assertThat(thin.mcpServer().path("command").textValue()).isEqualTo(l);
        assertThat(MeshEntries.isOurHook(
                        thin.hookGroups("UserPromptSubmit").get(0).path("hooks").path(0)))
                .isTrue();
        assertThat(MeshEntries.coreOf(thin.hookCommand("UserPromptSubmit"))).isEqualTo(l + " hook UserPromptSubmit");
    }

    @Test
    void the_jvm_path_keeps_the_plain_prompt_hook() {
        assertThat(entries.hookCommand("UserPromptSubmit"))
                .isEqualTo("/home/u/.claudemesh/bin/claudemesh hook UserPromptSubmit");
        assertThat(new HookPath(HookPath.Kind.JVM, null, "test")
                        .entries(new InstallPaths(
                                Path.of("/h/.claude/settings.json"), Path.of("/h/.claude.json"), Path.of("/h/m")))
                        .hookCommand("UserPromptSubmit"))
                .isEqualTo("/h/m/bin/claudemesh hook UserPromptSubmit");
    }
}
