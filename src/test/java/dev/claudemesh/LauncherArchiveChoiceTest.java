package dev.claudemesh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudemesh.cli.CliMain;
import dev.claudemesh.install.InstallPaths;
import dev.claudemesh.install.LauncherScript;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher gives the supervisor's start-up archive to exactly the launches {@code Main} runs as the supervisor,
 * and the CLI's to claudemesh's own commands: the same decision from the same words.
 */
class LauncherArchiveChoiceTest {
    /** The first words the launcher sends elsewhere before this choice: hooks, the MCP server, daemon, tray. */
    private static final List<String> OWN_CASES = List.of("hook", "statusline", "mcp", "daemon", "tray");

    @TempDir
    Path dir;

    InstallPaths paths;
    Path launcher;

    @BeforeEach
    void setUp() throws Exception {
        paths = new InstallPaths(dir.resolve("s.json"), dir.resolve("c.json"), dir.resolve("mesh"));
        Path java = dir.resolve("java");
        Files.writeString(java, "#!/bin/sh\nprintf '%s\\n' \"$@\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwx------"));
        launcher = dir.resolve("claudemesh");
        Files.writeString(
                launcher, new LauncherScript(java.toString(), paths.jar(), paths, CliMain.ownWords()).render());
        Files.createDirectories(paths.cliCdsArchive().getParent());
        Files.writeString(paths.cliCdsArchive(), "cli");
        Files.writeString(paths.supervisorCdsArchive(), "supervisor");
    }

    @Test
    void every_launch_main_supervises_gets_the_supervisor_archive_and_every_command_the_clis() throws Exception {
        List<String[]> launches = new ArrayList<>();
        for (String word : CliMain.ownWords()) {
            if (!OWN_CASES.contains(word)) {
                launches.add(new String[] {word});
                launches.add(new String[] {word, "x"});
                launches.add(new String[] {"--verbose", word});
            }
        }
        for (String[] claude : List.of(
                new String[0],
                new String[] {"--resume"},
                new String[] {"-c"},
                new String[] {"fix the failing test"},
                new String[] {"--model", "opus"},
                new String[] {"--verbose"},
                new String[] {"--verbose", "-p", "hi"},
                new String[] {"--", "send"},
                new String[] {"update"})) {
            launches.add(claude);
        }
        for (String[] args : launches) {
            boolean supervised = Main.claudeArgs(args) != null;
            Path expected = supervised ? paths.supervisorCdsArchive() : paths.cliCdsArchive();
            assertThat(archiveOf(args)).as(String.join(" ", args)).isEqualTo("-XX:SharedArchiveFile=" + expected);
        }
    }

    private String archiveOf(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("/bin/sh", launcher.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return out.lines().findFirst().orElse("");
    }
}
