package dev.claudemesh.install;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Install, re-install and uninstall with the quiet prompt: settings.json round trips on and off the thin path. */
class QuietPromptInstallTest {
    static final HookPath THIN = new HookPath(HookPath.Kind.THIN, "/usr/bin/curl", "sh + /usr/bin/curl");
    static final HookPath JVM = HookPath.jvm("asked for with --hooks jvm");

    @TempDir
    Path tmp;

    InstallPaths paths;
    Path jar;
    String quiet;
    String plainThin;
    String jvm;

    @BeforeEach
    void setUp() throws Exception {
        paths = InstallPaths.fromEnv(Map.of("HOME", tmp.resolve("o'neil home").toString()));
        jar = tmp.resolve("claudemesh.jar");
        Files.writeString(jar, "PK fake");
        String thinLauncher = ShellWords.quote(HookPath.thinLauncher(paths).toString());
        plainThin = thinLauncher + " hook UserPromptSubmit";
        quiet = QuietPrompt.prefix(paths.meshHome()) + plainThin;
        jvm = ShellWords.quote(paths.launcher().toString()) + " hook UserPromptSubmit";
    }

    String install(HookPath path) throws Exception {
        StringWriter out = new StringWriter();
        new Installer(paths, new PrintWriter(out), CdsTrainer.jvm(Duration.ofSeconds(1)))
                .hookPath(path)
                .install(new Installer.Options(jar, "/usr/bin/java", false, false));
        return out.toString();
    }

    String uninstall() throws Exception {
        StringWriter out = new StringWriter();
        new Installer(paths, new PrintWriter(out), CdsTrainer.jvm(Duration.ofSeconds(1))).uninstall(false);
        return out.toString();
    }

    List<String> commands(String event) throws Exception {
        List<String> commands = new ArrayList<>();
        for (JsonNode group :
                LoadedConfig.load(paths.settingsFile()).root().path("hooks").path(event)) {
            group.path("hooks").forEach(h -> commands.add(h.path("command").asText()));
        }
        return commands;
    }

    void settings(String json) throws Exception {
        Files.createDirectories(paths.settingsFile().getParent());
        Files.writeString(paths.settingsFile(), json);
    }

    static String prompt(String... commands) {
        StringBuilder s = new StringBuilder("{\"hooks\":{\"UserPromptSubmit\":[");
        for (int i = 0; i < commands.length; i++) {
            s.append(i == 0 ? "" : ",")
                    .append("{\"hooks\":[{\"type\":\"command\",\"command\":")
                    .append(com.fasterxml.jackson.databind.node.TextNode.valueOf(commands[i]))
                    .append(",\"timeout\":15}]}");
        }
        return s.append("]}}").toString();
    }

    @Test
    void the_thin_install_writes_the_quiet_prompt_and_doctor_counts_it_as_ours_and_current() throws Exception {
        install(THIN);

        assertThat(commands("UserPromptSubmit")).containsExactly(quiet);
        assertThat(commands("Stop"))
                .containsExactly(
                        ShellWords.quote(HookPath.thinLauncher(paths).toString()) + " hook Stop",
                        ShellWords.quote(HookPath.thinLauncher(paths).toString()) + " hook StopWaiter");
        assertThat(new InstallCheck(paths).run())
                .filteredOn(c -> c.name().equals("hook UserPromptSubmit"))
                .singleElement()
                .satisfies(c -> assertThat(c.status()).isEqualTo(Check.Status.PRESENT))
                .satisfies(c -> assertThat(c.detail()).contains("[sh, no request while the daemon has nothing"));
    }

    @Test
    void switching_between_thin_and_jvm_replaces_the_prompt_hook_in_place_and_never_twice() throws Exception {
        settings(prompt("my-prompt-logger --before", "my-prompt-logger --after"));

        install(THIN);
        assertThat(commands("UserPromptSubmit"))
                .containsExactly("my-prompt-logger --before", "my-prompt-logger --after", quiet);

        install(JVM);
        assertThat(commands("UserPromptSubmit"))
                .containsExactly("my-prompt-logger --before", "my-prompt-logger --after", jvm);

        install(THIN);
        assertThat(commands("UserPromptSubmit"))
                .containsExactly("my-prompt-logger --before", "my-prompt-logger --after", quiet);
        byte[] once = Files.readAllBytes(paths.settingsFile());

        assertThat(install(THIN)).contains("unchanged " + paths.settingsFile());
        assertThat(Files.readAllBytes(paths.settingsFile())).isEqualTo(once);
    }

    @Test
    void an_old_plain_thin_prompt_hook_is_replaced_by_the_quiet_prompt_where_it_was() throws Exception {
        settings(prompt("my-prompt-logger --before", plainThin, "my-prompt-logger --after"));

        install(THIN);

        assertThat(commands("UserPromptSubmit"))
                .containsExactly("my-prompt-logger --before", quiet, "my-prompt-logger --after");
    }

    @Test
    void uninstall_after_a_thin_install_gives_back_the_file_byte_for_byte() throws Exception {
        Files.createDirectories(paths.settingsFile().getParent());
        Files.write(paths.settingsFile(), Fixtures.bytes("settings-others.json"));
        Files.write(paths.claudeJson(), Fixtures.bytes("claude-others.json"));

        install(THIN);
        assertThat(commands("UserPromptSubmit")).containsExactly(quiet);
        String out = uninstall();

        assertThat(out).contains("updated " + paths.settingsFile() + ": removed hooks");
        assertThat(Files.readAllBytes(paths.settingsFile())).isEqualTo(Fixtures.bytes("settings-others.json"));
        assertThat(Files.readAllBytes(paths.claudeJson())).isEqualTo(Fixtures.bytes("claude-others.json"));
    }

    @Test
    void uninstall_without_install_state_still_removes_the_quiet_prompt() throws Exception {
        settings(prompt("my-prompt-logger", quiet));
        install(THIN);
        Files.delete(paths.stateFile());

        uninstall();

        assertThat(commands("UserPromptSubmit")).containsExactly("my-prompt-logger");
    }
}
