package dev.claudemesh.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClaudeBinaryTest {
    @TempDir
    Path dir;

    private Path executable(String relative) throws Exception {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/sh\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }

    @Test
    void claude_is_found_on_path() throws Exception {
        Path claude = executable("b/claude");
        Map<String, String> env = Map.of("PATH", dir.resolve("a") + ":" + dir.resolve("b"));
        assertThat(ClaudeBinary.resolve(env, dir)).contains(claude);
    }

    @Test
    void the_first_match_on_path_wins() throws Exception {
        Path first = executable("a/claude");
        executable("b/claude");
        Map<String, String> env = Map.of("PATH", dir.resolve("a") + ":" + dir.resolve("b"));
        assertThat(ClaudeBinary.resolve(env, dir)).contains(first);
    }

    @Test
    void claudemesh_claude_bin_may_name_a_path() throws Exception {
        Path custom = executable("tools/my-claude");
        Map<String, String> env = Map.of(ClaudeBinary.ENV_VAR, custom.toString(), "PATH", "");
        assertThat(ClaudeBinary.resolve(env, dir)).contains(custom);
    }

    @Test
    void claudemesh_claude_bin_may_name_a_command_on_path() throws Exception {
        Path custom = executable("bin/claude-dev");
        Map<String, String> env = Map.of(
                ClaudeBinary.ENV_VAR, "claude-dev", "PATH", dir.resolve("bin").toString());
        assertThat(ClaudeBinary.resolve(env, dir)).contains(custom);
    }

    @Test
    void a_file_that_is_not_executable_does_not_count() throws Exception {
        Path file = dir.resolve("bin/claude");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "not a program");
        Map<String, String> env = Map.of("PATH", dir.resolve("bin").toString());
        assertThat(ClaudeBinary.resolve(env, dir)).isEmpty();
    }

    @Test
    void the_not_found_message_says_how_to_fix_it() {
        assertThat(ClaudeBinary.notFoundMessage(Map.of()))
                .contains("cannot find 'claude' on PATH")
                .contains("CLAUDEMESH_CLAUDE_BIN");
        assertThat(ClaudeBinary.notFoundMessage(Map.of(ClaudeBinary.ENV_VAR, "claude-dev")))
                .contains("cannot find 'claude-dev' (from CLAUDEMESH_CLAUDE_BIN) on PATH");
        assertThat(ClaudeBinary.notFoundMessage(Map.of(ClaudeBinary.ENV_VAR, "/opt/x/claude")))
                .contains("CLAUDEMESH_CLAUDE_BIN=/opt/x/claude is not an executable file");
    }
}
