package dev.claudemesh.install;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstallCheckTest {
    @TempDir
    Path tmp;

    InstallPaths paths;

    @BeforeEach
    void setUp() throws Exception {
        paths = InstallPaths.fromEnv(Map.of("HOME", tmp.toString()));
    }

    void install() throws Exception {
        Path jar = tmp.resolve("claudemesh.jar");
        Files.writeString(jar, "PK fake");
        new Installer(paths, new PrintWriter(new StringWriter()), CdsTrainer.jvm(Duration.ofSeconds(1)))
                .install(new Installer.Options(jar, "/usr/bin/java", false, false));
    }

    Map<String, Check.Status> statuses() {
        return new InstallCheck(paths).run().stream().collect(Collectors.toMap(Check::name, Check::status));
    }

    Check check(String name) {
        return new InstallCheck(paths)
                .run().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void after_install_everything_is_present_except_the_skipped_archive() throws Exception {
        install();

        List<Check> checks = new InstallCheck(paths).run();

        assertThat(checks)
                .extracting(Check::name)
                .containsExactly(
                        "launcher",
                        "startup archive",
                        "supervisor archive",
                        "hook SessionStart",
                        "hook UserPromptSubmit",
                        "hook Stop",
                        "hook SessionEnd",
                        "hook StopWaiter",
                        "status line",
                        "permission",
                        "MCP server");
        assertThat(checks).filteredOn(c -> !c.name().endsWith(" archive")).allMatch(Check::ok);
        assertThat(check("startup archive").status()).isEqualTo(Check.Status.MISSING);
        assertThat(check("supervisor archive").status()).isEqualTo(Check.Status.MISSING);
        assertThat(check("supervisor archive").detail())
                .isEqualTo("no " + paths.supervisorCdsArchive()
                        + "; `claudemesh [claude args]` starts claude later (re-run `claudemesh install`)");
        assertThat(check("hook Stop").detail()).isEqualTo("runs " + paths.launcher() + " [JVM]");
    }

    void installThin() throws Exception {
        Path jar = tmp.resolve("claudemesh.jar");
        Files.writeString(jar, "PK fake");
        new Installer(paths, new PrintWriter(new StringWriter()), CdsTrainer.jvm(Duration.ofSeconds(1)))
                .hookPath(new HookPath(HookPath.Kind.THIN, "/usr/bin/curl", "sh + /usr/bin/curl"))
                .install(new Installer.Options(jar, "/usr/bin/java", false, false));
    }

    /** Replaces the command of the first UserPromptSubmit hook in settings.json. */
    void promptCommand(String command) throws Exception {
        ObjectNode settings = LoadedConfig.load(paths.settingsFile()).root();
        ((ObjectNode) settings.path("hooks")
                        .path("UserPromptSubmit")
                        .path(0)
                        .path("hooks")
                        .path(0))
                .put("command", command);
        Files.writeString(paths.settingsFile(), settings.toString());
    }

    @Test
    void with_the_thin_hooks_each_entry_says_whether_it_runs_sh_and_curl_or_the_jvm() throws Exception {
        installThin();

        assertThat(new InstallCheck(paths).run())
                .filteredOn(c -> !c.name().endsWith(" archive"))
                .allMatch(Check::ok);
        Path thin = HookPath.thinLauncher(paths);
        String calls = HookPath.bash5() ? "sh + bash /dev/tcp" : "sh + curl";
        for (String hook : List.of("hook SessionStart", "hook Stop", "hook SessionEnd", "status line")) {
            assertThat(check(hook).detail()).as(hook).isEqualTo("runs " + thin + " [" + calls + "]");
        }
        assertThat(check("hook UserPromptSubmit").detail())
                .isEqualTo(
                        "runs " + thin + " [sh, no request while the daemon has nothing for it (else " + calls + ")]");
        assertThat(check("hook StopWaiter").detail()).isEqualTo("runs " + thin + " [sh + curl]");
        assertThat(check("MCP server").detail()).isEqualTo("runs " + thin + " [sh + curl]");
        assertThat(Files.readString(thin)).contains("exec \"$jvm\" \"$@\"").contains("curl=/usr/bin/curl");
    }

    @Test
    void the_old_plain_thin_prompt_hook_is_ours_but_stale_until_install_writes_the_quiet_prompt() throws Exception {
        installThin();
        promptCommand(new MeshEntries(HookPath.thinLauncher(paths)).command("hook", "UserPromptSubmit"));

        assertThat(check("hook UserPromptSubmit").status()).isEqualTo(Check.Status.STALE);
        assertThat(check("hook UserPromptSubmit").detail()).contains("differs from what `claudemesh install` writes");

        installThin();
        assertThat(check("hook UserPromptSubmit").status()).isEqualTo(Check.Status.PRESENT);
    }

    @Test
    void a_quiet_prompt_naming_another_home_is_stale() throws Exception {
        installThin();
        promptCommand(QuietPrompt.command(
                tmp.resolve("elsewhere"),
                ShellWords.quote(HookPath.thinLauncher(paths).toString()) + " hook UserPromptSubmit"));

        assertThat(check("hook UserPromptSubmit").status()).isEqualTo(Check.Status.STALE);
    }

    @Test
    void a_quiet_prompt_on_the_jvm_path_is_stale_and_the_jvm_prompt_hook_is_present() throws Exception {
        install();
        assertThat(check("hook UserPromptSubmit").detail()).isEqualTo("runs " + paths.launcher() + " [JVM]");

        promptCommand(QuietPrompt.command(
                paths.meshHome(), ShellWords.quote(paths.launcher().toString()) + " hook UserPromptSubmit"));

        assertThat(check("hook UserPromptSubmit").status()).isEqualTo(Check.Status.STALE);
    }

    @Test
    void a_supervisor_archive_older_than_the_jar_is_stale() throws Exception {
        install();
        Files.writeString(paths.supervisorCdsArchive(), "archive");
        Files.setLastModifiedTime(
                paths.supervisorCdsArchive(), java.nio.file.attribute.FileTime.fromMillis(1_000_000L));

        assertThat(check("supervisor archive").status()).isEqualTo(Check.Status.STALE);
        assertThat(check("supervisor archive").detail()).contains("re-run `claudemesh install`");

        Files.setLastModifiedTime(
                paths.supervisorCdsArchive(),
                java.nio.file.attribute.FileTime.from(java.time.Instant.now().plusSeconds(60)));
        assertThat(check("supervisor archive").status()).isEqualTo(Check.Status.PRESENT);
    }

    @Test
    void an_empty_home_has_everything_missing() {
        assertThat(statuses().values()).containsOnly(Check.Status.MISSING);
    }

    @Test
    void a_deleted_launcher_makes_the_entries_stale() throws Exception {
        install();
        Files.delete(paths.launcher());

        assertThat(statuses())
                .containsEntry("launcher", Check.Status.MISSING)
                .containsEntry("hook Stop", Check.Status.STALE)
                .containsEntry("status line", Check.Status.STALE)
                .containsEntry("MCP server", Check.Status.STALE);
        assertThat(check("hook SessionStart").detail()).contains("which is not an executable file");
    }

    @Test
    void entries_that_differ_from_what_install_writes_are_stale() throws Exception {
        install();
        ObjectNode settings = LoadedConfig.load(paths.settingsFile()).root();
        ObjectNode waiter = (ObjectNode)
                settings.path("hooks").path("Stop").path(1).path("hooks").path(0);
        waiter.remove("asyncRewake");
        Files.writeString(paths.settingsFile(), settings.toString());

        assertThat(check("hook StopWaiter").status()).isEqualTo(Check.Status.STALE);
        assertThat(check("hook Stop").status()).isEqualTo(Check.Status.PRESENT);
    }

    @Test
    void foreign_status_line_and_mcp_entry_are_reported_as_foreign() throws Exception {
        Files.createDirectories(paths.settingsFile().getParent());
        Files.writeString(paths.settingsFile(), "{\"statusLine\":{\"type\":\"command\",\"command\":\"mine.sh\"}}");
        Files.writeString(paths.claudeJson(), "{\"mcpServers\":{\"claudemesh\":{\"command\":\"node\",\"args\":[]}}}");

        assertThat(statuses())
                .containsEntry("status line", Check.Status.FOREIGN)
                .containsEntry("MCP server", Check.Status.FOREIGN);
    }

    @Test
    void a_foreign_status_line_that_runs_our_badge_counts_as_present() throws Exception {
        String combined = StatusLineSnippet.combinedCommand("mine.sh", new MeshEntries(paths.launcher()));
        Files.createDirectories(paths.settingsFile().getParent());
        Files.writeString(
                paths.settingsFile(),
                "{\"statusLine\":{\"type\":\"command\",\"command\":"
                        + JsonWriter.write(
                                com.fasterxml.jackson.databind.node.TextNode.valueOf(combined), JsonStyle.CLAUDE)
                        + "}}");

        assertThat(check("status line").status()).isEqualTo(Check.Status.PRESENT);
    }

    @Test
    void malformed_files_are_reported_as_invalid() throws Exception {
        Files.createDirectories(paths.settingsFile().getParent());
        Files.writeString(paths.settingsFile(), "{oops");
        Files.writeString(paths.claudeJson(), "[");

        assertThat(statuses())
                .containsEntry("settings.json", Check.Status.INVALID)
                .containsEntry(".claude.json", Check.Status.INVALID)
                .doesNotContainKey("hook Stop");
    }
}
