package dev.claudemesh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudemesh.install.Fixtures;
import dev.claudemesh.install.JsonReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UninstallCommandTest {
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

    @ParameterizedTest
    @ValueSource(strings = {"settings-others.json", "settings-foreign-statusline.json"})
    void install_then_uninstall_restores_both_files_byte_for_byte(String settingsFixture) {
        t.write(t.settings(), Fixtures.bytes(settingsFixture));
        t.write(t.claudeJson(), Fixtures.bytes("claude-others.json"));
        assertThat(t.install().code()).isZero();
        assertThat(TestHome.read(t.settings())).isNotEqualTo(Fixtures.bytes(settingsFixture));

        TestHome.Result r = t.uninstall();

        assertThat(r.code()).isZero();
        assertThat(TestHome.read(t.settings())).isEqualTo(Fixtures.bytes(settingsFixture));
        assertThat(TestHome.read(t.claudeJson())).isEqualTo(Fixtures.bytes("claude-others.json"));
        assertThat(r.out())
                .contains("updated " + t.settings() + ": removed hooks")
                .contains("updated " + t.claudeJson() + ": removed mcpServers.claudemesh")
                .contains("removed " + t.launcher());
    }

    @Test
    void files_install_created_are_deleted_and_the_launcher_removed_but_data_kept() throws Exception {
        t.install();
        Path data = t.meshHome().resolve("claudemesh.db");
        Files.writeString(data, "data");

        TestHome.Result r = t.uninstall();

        assertThat(r.code()).isZero();
        assertThat(t.settings()).doesNotExist();
        assertThat(t.claudeJson()).doesNotExist();
        assertThat(t.launcher()).doesNotExist();
        assertThat(t.meshHome().resolve("lib")).doesNotExist();
        assertThat(t.meshHome().resolve("install-state.json")).doesNotExist();
        assertThat(data).hasContent("data");
        assertThat(Files.getPosixFilePermissions(t.meshHome())).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(r.out()).contains("deleted " + t.settings() + " (install had created it)");
    }

    @Test
    void an_install_into_an_empty_home_is_undone_completely() throws Exception {
        t.install();

        t.uninstall();

        try (var left = Files.walk(t.home)) {
            assertThat(left.map(p -> t.home.relativize(p).toString())).containsExactlyInAnyOrder("", ".claude");
        }
    }

    @Test
    void a_permission_and_empty_containers_the_user_already_had_are_kept() {
        byte[] before = ("{\n  \"hooks\": {\n    \"Stop\": []\n  },\n  \"permissions\": {\n    \"allow\": [\n"
                        + "      \"mcp__claudemesh\"\n    ]\n  }\n}")
                .getBytes();
        byte[] claudeBefore = "{\n  \"mcpServers\": {}\n}".getBytes();
        t.write(t.settings(), before);
        t.write(t.claudeJson(), claudeBefore);
        t.install();

        t.uninstall();

        assertThat(TestHome.read(t.settings())).isEqualTo(before);
        assertThat(TestHome.read(t.claudeJson())).isEqualTo(claudeBefore);
    }

    @Test
    void without_install_state_our_entries_and_the_containers_they_emptied_go() throws Exception {
        t.write(t.settings(), "{\n  \"model\": \"opus\"\n}".getBytes());
        t.install();
        Files.delete(t.meshHome().resolve("install-state.json"));

        t.uninstall();

        assertThat(TestHome.text(t.settings())).isEqualTo("{\n  \"model\": \"opus\"\n}");
        assertThat(TestHome.text(t.claudeJson())).isEqualTo("{}");
    }

    @Test
    void a_hook_the_user_added_next_to_ours_survives() throws Exception {
        t.install();
        ObjectNode settings = json(t.settings());
        ((com.fasterxml.jackson.databind.node.ArrayNode) settings.path("hooks").path("Stop"))
                .addObject()
                .putArray("hooks")
                .addObject()
                .put("type", "command")
                .put("command", "say done");
        Files.writeString(t.settings(), settings.toString());

        t.uninstall();

        assertThat(TestHome.text(t.settings()))
                .isEqualTo("{\"hooks\":{\"Stop\":[{\"hooks\":[{\"type\":\"command\",\"command\":\"say done\"}]}]}}");
    }

    @Test
    void differently_formatted_files_come_back_semantically_identical() throws Exception {
        String odd = "{ \"model\" : \"opus\" ,\n\t\"n\": 1.50, \"hooks\" : { \"Stop\" : [ { \"hooks\" : [ { \"type\" :"
                + " \"command\", \"command\" : \"x\" } ] } ] },\n\"env\":{\"A\":\"é\"} }\n";
        t.write(t.settings(), odd.getBytes());
        ObjectNode before = json(t.settings());
        t.install();

        t.uninstall();

        assertThat(json(t.settings())).isEqualTo(before);
        assertThat(TestHome.text(t.settings())).contains("\"n\": 1.50");
    }

    @Test
    void install_and_uninstall_follow_claude_config_dir() {
        Path config = tmp.resolve("cfg");
        t.env.put("CLAUDE_CONFIG_DIR", config.toString());
        t.write(config.resolve("settings.json"), Fixtures.bytes("settings-others.json"));
        t.install();

        t.uninstall();

        assertThat(config.resolve("settings.json")).hasBinaryContent(Fixtures.bytes("settings-others.json"));
        assertThat(config.resolve(".claude.json")).doesNotExist();
    }

    @Test
    void dry_run_shows_the_removal_and_writes_nothing() throws Exception {
        t.write(t.settings(), Fixtures.bytes("settings-others.json"));
        t.install();
        byte[] settings = TestHome.read(t.settings());
        byte[] claude = TestHome.read(t.claudeJson());

        TestHome.Result r = t.uninstall("--dry-run");

        assertThat(TestHome.read(t.settings())).isEqualTo(settings);
        assertThat(TestHome.read(t.claudeJson())).isEqualTo(claude);
        assertThat(t.launcher()).exists();
        assertThat(r.out())
                .contains("would update " + t.settings())
                .contains("-            \"command\": \"" + t.launcher() + " hook SessionStart\",")
                .contains("would delete " + t.claudeJson())
                .contains("would remove " + t.launcher());
    }

    @Test
    void uninstall_with_nothing_installed_changes_nothing() throws Exception {
        t.write(t.settings(), Fixtures.bytes("settings-others.json"));
        FileTime old = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(t.settings(), old);

        TestHome.Result r = t.uninstall();

        assertThat(r.code()).isZero();
        assertThat(Files.getLastModifiedTime(t.settings())).isEqualTo(old);
        assertThat(r.out()).isEqualTo("unchanged " + t.settings() + System.lineSeparator());
    }

    @Test
    void malformed_json_stops_uninstall_with_one_line() {
        t.install();
        t.write(t.claudeJson(), "{\"mcpServers\": }".getBytes());
        byte[] settings = TestHome.read(t.settings());

        TestHome.Result r = t.uninstall();

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err())
                .startsWith("claudemesh uninstall: " + t.claudeJson() + " is not valid JSON")
                .hasLineCount(1);
        assertThat(TestHome.read(t.settings())).isEqualTo(settings);
        assertThat(t.launcher()).exists();
    }
}
