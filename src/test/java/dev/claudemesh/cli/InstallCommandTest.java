package dev.claudemesh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudemesh.install.Fixtures;
import dev.claudemesh.install.JsonReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstallCommandTest {
    @TempDir
    Path tmp;

    TestHome t;

    @BeforeEach
    void setUp() {
        t = new TestHome(tmp);
    }

    static ObjectNode json(Path file) throws Exception {
        return JsonReader.parseObject(file.toString(), TestHome.text(file));
    }

    static List<String> commands(JsonNode groups) {
        List<String> commands = new ArrayList<>();
        groups.forEach(
                g -> g.path("hooks").forEach(h -> commands.add(h.path("command").asText())));
        return commands;
    }

    @Test
    void install_into_an_empty_home_writes_hooks_status_line_permission_and_mcp_server() throws Exception {
        TestHome.Result r = t.install();

        assertThat(r.code()).isZero();
        assertThat(r.err()).isEmpty();
        String l = t.launcher().toString();
        ObjectNode settings = json(t.settings());
        assertThat(commands(settings.path("hooks").path("SessionStart"))).containsExactly(l + " hook SessionStart");
        assertThat(commands(settings.path("hooks").path("UserPromptSubmit")))
                .containsExactly(l + " hook UserPromptSubmit");
        assertThat(commands(settings.path("hooks").path("Stop")))
                .containsExactly(l + " hook Stop", l + " hook StopWaiter");
        assertThat(commands(settings.path("hooks").path("SessionEnd"))).containsExactly(l + " hook SessionEnd");
        JsonNode waiter =
                settings.path("hooks").path("Stop").path(1).path("hooks").path(0);
        assertThat(waiter.path("asyncRewake").asBoolean()).isTrue();
        assertThat(waiter.path("timeout").asInt()).isEqualTo(3600);
        assertThat(settings.path("hooks")
                        .path("SessionStart")
                        .path(0)
                        .path("hooks")
                        .path(0)
                        .path("type")
                        .asText())
                .isEqualTo("command");
        assertThat(settings.path("statusLine").toString())
                .isEqualTo("{\"type\":\"command\",\"command\":\"" + l + " statusline\",\"padding\":0}");
        assertThat(settings.path("permissions").path("allow").toString()).isEqualTo("[\"mcp__claudemesh\"]");
        assertThat(json(t.claudeJson()).path("mcpServers").toString())
                .isEqualTo("{\"claudemesh\":{\"type\":\"stdio\",\"command\":\"" + l
                        + "\",\"args\":[\"mcp\"],\"env\":{}}}");
        assertThat(r.out())
                .contains("created " + t.settings() + ": hooks, status line, permission mcp__claudemesh")
                .contains("created " + t.claudeJson() + ": mcpServers.claudemesh")
                .contains("wrote " + t.launcher());
    }

    @Test
    void files_are_written_as_json_stringify_with_two_space_indent_and_no_final_newline() throws Exception {
        t.install();

        String text = TestHome.text(t.claudeJson());
        assertThat(text)
                .isEqualTo("{\n  \"mcpServers\": {\n    \"claudemesh\": {\n      \"type\": \"stdio\",\n"
                        + "      \"command\": \"" + t.launcher() + "\",\n      \"args\": [\n        \"mcp\"\n      ],\n"
                        + "      \"env\": {}\n    }\n  }\n}");
        assertThat(Files.getPosixFilePermissions(t.claudeJson()))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void other_tools_entries_are_left_untouched_and_in_order() throws Exception {
        t.write(t.settings(), Fixtures.bytes("settings-others.json"));
        t.write(t.claudeJson(), Fixtures.bytes("claude-others.json"));
        ObjectNode before = json(t.settings());
        ObjectNode claudeBefore = json(t.claudeJson());

        assertThat(t.install().code()).isZero();

        ObjectNode after = json(t.settings());
        assertThat(after.path("hooks").path("PreToolUse"))
                .isEqualTo(before.path("hooks").path("PreToolUse"));
        assertThat(commands(after.path("hooks").path("Stop")))
                .containsExactly(
                        "notify-send 'Claude finished'",
                        t.launcher() + " hook Stop",
                        t.launcher() + " hook StopWaiter");
        assertThat(after.path("permissions").path("allow").toString())
                .isEqualTo("[\"Bash(git status:*)\",\"WebSearch\",\"mcp__github\",\"mcp__claudemesh\"]");
        List<String> keys = new ArrayList<>();
        after.fieldNames().forEachRemaining(keys::add);
        List<String> keysBefore = new ArrayList<>();
        before.fieldNames().forEachRemaining(keysBefore::add);
        keysBefore.add("statusLine");
        assertThat(keys).isEqualTo(keysBefore);
        ObjectNode claudeAfter = json(t.claudeJson());
        ObjectNode servers = (ObjectNode) claudeAfter.path("mcpServers").deepCopy();
        servers.remove("claudemesh");
        assertThat(servers).isEqualTo(claudeBefore.path("mcpServers"));
        claudeAfter.remove("mcpServers");
        claudeBefore.remove("mcpServers");
        assertThat(claudeAfter).isEqualTo(claudeBefore);
    }

    @Test
    void a_foreign_status_line_is_kept_and_a_snippet_for_the_badge_is_printed() throws Exception {
        t.write(t.settings(), Fixtures.bytes("settings-foreign-statusline.json"));

        TestHome.Result r = t.install();

        assertThat(json(t.settings()).path("statusLine").path("command").asText())
                .isEqualTo("~/.claude/statusline.sh");
        assertThat(r.out())
                .contains("Your status line belongs to another command")
                .contains("{ ~/.claude/statusline.sh; }")
                .contains(t.launcher() + " statusline");
    }

    @Test
    void the_suggested_combined_status_line_prints_theirs_then_our_badge_from_the_same_stdin() throws Exception {
        t.write(t.settings(), Fixtures.bytes("settings-foreign-statusline.json"));
        t.install();
        Path theirs = tmp.resolve("theirs.sh");
        Files.writeString(
                theirs, "#!/bin/sh\nprintf 'model=%s' \"$(cat | sed 's/.*\"id\":\"\\([^\"]*\\)\".*/\\1/')\"\n");
        theirs.toFile().setExecutable(true);
        Files.writeString(t.launcher(), "#!/bin/sh\nprintf '[badge %s]' \"$(cat | wc -c | tr -d ' ')\"\n");
        var entries = new dev.claudemesh.install.MeshEntries(t.launcher());
        String command = dev.claudemesh.install.StatusLineSnippet.combinedCommand(theirs.toString(), entries);

        String stdin = "{\"model\":{\"id\":\"opus\"}}";
        Process p = new ProcessBuilder("/bin/sh", "-c", command).start();
        p.getOutputStream().write(stdin.getBytes());
        p.getOutputStream().close();

        assertThat(new String(p.getInputStream().readAllBytes()))
                .isEqualTo("model=opus [badge " + stdin.length() + "]");
        assertThat(p.waitFor()).isZero();
    }

    @Test
    void installing_twice_gives_identical_bytes_and_writes_nothing_the_second_time() throws Exception {
        t.write(t.settings(), Fixtures.bytes("settings-others.json"));
        t.write(t.claudeJson(), Fixtures.bytes("claude-others.json"));
        t.install();
        byte[] settings = TestHome.read(t.settings());
        byte[] claude = TestHome.read(t.claudeJson());
        FileTime old = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(t.settings(), old);
        Files.setLastModifiedTime(t.claudeJson(), old);

        TestHome.Result second = t.install();

        assertThat(TestHome.read(t.settings())).isEqualTo(settings);
        assertThat(TestHome.read(t.claudeJson())).isEqualTo(claude);
        assertThat(Files.getLastModifiedTime(t.settings())).isEqualTo(old);
        assertThat(Files.getLastModifiedTime(t.claudeJson())).isEqualTo(old);
        assertThat(second.out())
                .contains("unchanged " + t.settings())
                .contains("unchanged " + t.claudeJson())
                .contains("unchanged " + t.launcher());
    }

    @Test
    void malformed_json_is_reported_with_its_position_and_nothing_is_written() throws Exception {
        byte[] broken = "{\n  \"model\": \"opus\",\n  \"hooks\": {,\n}".getBytes();
        t.write(t.settings(), broken);
        t.write(t.claudeJson(), Fixtures.bytes("claude-others.json"));
        FileTime old = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(t.settings(), old);
        Files.setLastModifiedTime(t.claudeJson(), old);

        TestHome.Result r = t.install();

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err())
                .startsWith("claudemesh install: " + t.settings() + " is not valid JSON at line 3, column 13")
                .hasLineCount(1);
        assertThat(TestHome.read(t.settings())).isEqualTo(broken);
        assertThat(TestHome.read(t.claudeJson())).isEqualTo(Fixtures.bytes("claude-others.json"));
        assertThat(Files.getLastModifiedTime(t.settings())).isEqualTo(old);
        assertThat(Files.getLastModifiedTime(t.claudeJson())).isEqualTo(old);
        assertThat(t.meshHome()).doesNotExist();
        assertThat(t.settings().resolveSibling("settings.json.claudemesh-backup"))
                .doesNotExist();
    }

    @Test
    void malformed_claude_json_stops_the_settings_write_too() throws Exception {
        t.write(t.settings(), Fixtures.bytes("settings-others.json"));
        t.write(t.claudeJson(), "{\"projects\": {\"/a\": [1, 2,]}}".getBytes());

        TestHome.Result r = t.install();

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains(t.claudeJson() + " is not valid JSON at line 1");
        assertThat(TestHome.read(t.settings())).isEqualTo(Fixtures.bytes("settings-others.json"));
        assertThat(t.launcher()).doesNotExist();
    }

    @Test
    void a_hooks_value_of_the_wrong_kind_is_an_error_naming_it() throws Exception {
        t.write(t.settings(), "{\n  \"hooks\": []\n}".getBytes());

        TestHome.Result r = t.install();

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("\"hooks\" is a list where Claude Code expects an object");
    }

    @Test
    void claude_config_dir_is_honoured() throws Exception {
        Path config = tmp.resolve("claude-config");
        t.env.put("CLAUDE_CONFIG_DIR", config.toString());

        assertThat(t.install().code()).isZero();

        assertThat(config.resolve("settings.json")).exists();
        assertThat(config.resolve(".claude.json")).exists();
        assertThat(t.home.resolve(".claude")).doesNotExist();
        assertThat(t.home.resolve(".claude.json")).doesNotExist();
    }

    @Test
    void claudemesh_home_is_honoured() throws Exception {
        Path mesh = tmp.resolve("mesh");
        t.env.put("CLAUDEMESH_HOME", mesh.toString());

        t.install();

        assertThat(mesh.resolve("bin/claudemesh")).isExecutable();
        assertThat(mesh.resolve("lib/claudemesh.jar")).hasSameBinaryContentAs(t.fakeJar());
        assertThat(commands(json(t.settings()).path("hooks").path("SessionEnd")))
                .containsExactly(mesh.resolve("bin/claudemesh") + " hook SessionEnd");
    }

    @Test
    void dry_run_shows_a_diff_and_writes_nothing() throws Exception {
        t.write(t.settings(), Fixtures.bytes("settings-others.json"));

        TestHome.Result r = t.install("--dry-run");

        assertThat(r.code()).isZero();
        assertThat(TestHome.read(t.settings())).isEqualTo(Fixtures.bytes("settings-others.json"));
        assertThat(t.claudeJson()).doesNotExist();
        assertThat(t.meshHome()).doesNotExist();
        assertThat(r.out())
                .contains("would write " + t.launcher())
                .contains("would update " + t.settings() + ": hooks, status line, permission mcp__claudemesh")
                .contains("--- " + t.settings() + "\n+++ " + t.settings())
                .contains("+            \"command\": \"" + t.launcher() + " hook SessionStart\",")
                .contains("+      \"mcp__claudemesh\"")
                .contains("would create " + t.claudeJson())
                .contains("--- /dev/null");
    }

    @Test
    void a_backup_is_made_once_before_the_first_change() throws Exception {
        t.write(t.settings(), Fixtures.bytes("settings-others.json"));
        Path backup = t.settings().resolveSibling("settings.json.claudemesh-backup");

        TestHome.Result first = t.install();
        assertThat(t.claudeJson().resolveSibling(".claude.json.claudemesh-backup"))
                .doesNotExist();
        byte[] claudeAfterFirst = TestHome.read(t.claudeJson());
        t.env.put("CLAUDEMESH_HOME", tmp.resolve("other-mesh").toString());
        TestHome.Result second = t.install();

        assertThat(backup).hasBinaryContent(Fixtures.bytes("settings-others.json"));
        assertThat(first.out()).contains("(backup: settings.json.claudemesh-backup)");
        assertThat(second.out()).doesNotContain("(backup: settings.json.claudemesh-backup)");
        assertThat(t.claudeJson().resolveSibling(".claude.json.claudemesh-backup"))
                .hasBinaryContent(claudeAfterFirst);
    }

    @Test
    void the_file_mode_is_kept() throws Exception {
        t.write(t.settings(), Fixtures.bytes("settings-others.json"));
        Files.setPosixFilePermissions(t.settings(), PosixFilePermissions.fromString("rw-r--r--"));

        t.install();

        assertThat(Files.getPosixFilePermissions(t.settings())).isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
    }

    @Test
    void a_symlinked_settings_file_is_written_through_to_its_target() throws Exception {
        Path dotfiles = tmp.resolve("dotfiles/claude-settings.json");
        t.write(dotfiles, Fixtures.bytes("settings-others.json"));
        Files.createDirectories(t.settings().getParent());
        Files.createSymbolicLink(t.settings(), dotfiles);

        t.install();

        assertThat(Files.isSymbolicLink(t.settings())).isTrue();
        assertThat(TestHome.text(dotfiles)).contains(t.launcher() + " hook Stop");
    }

    @Test
    void reinstalling_with_another_launcher_path_replaces_ours_in_place() throws Exception {
        t.write(t.settings(), Fixtures.bytes("settings-others.json"));
        t.install();
        ObjectNode settings = json(t.settings());
        ((com.fasterxml.jackson.databind.node.ArrayNode) settings.path("hooks").path("Stop"))
                .addObject()
                .putArray("hooks")
                .addObject()
                .put("type", "command")
                .put("command", "later-tool");
        Files.writeString(t.settings(), settings.toPrettyString());
        Path other = tmp.resolve("elsewhere");
        t.env.put("CLAUDEMESH_HOME", other.toString());

        assertThat(t.install().code()).isZero();

        String l = other.resolve("bin/claudemesh").toString();
        ObjectNode after = json(t.settings());
        assertThat(commands(after.path("hooks").path("Stop")))
                .containsExactly(
                        "notify-send 'Claude finished'", l + " hook Stop", l + " hook StopWaiter", "later-tool");
        assertThat(after.path("statusLine").path("command").asText()).isEqualTo(l + " statusline");
        assertThat(json(t.claudeJson())
                        .path("mcpServers")
                        .path("claudemesh")
                        .path("command")
                        .asText())
                .isEqualTo(l);
        assertThat(TestHome.text(t.settings()))
                .doesNotContain(t.home.resolve(".claudemesh").toString());
    }

    @Test
    void a_missing_source_jar_is_one_line_on_stderr_and_exit_1() {
        TestHome.Result r =
                t.run("install", "--no-cds", "--jar", tmp.resolve("nope.jar").toString());

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err())
                .hasLineCount(1)
                .contains("install needs the claudemesh jar")
                .contains("nope.jar");
        assertThat(t.settings()).doesNotExist();
    }

    @Test
    void a_missing_home_is_reported() {
        t.env.remove("HOME");

        TestHome.Result r = t.install();

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).startsWith("claudemesh install: HOME is not set");
    }
}
