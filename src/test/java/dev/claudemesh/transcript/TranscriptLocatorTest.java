package dev.claudemesh.transcript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TranscriptLocatorTest {
    @TempDir
    Path tmp;

    Path config;
    Path project;
    TranscriptLocator locator;

    @BeforeEach
    void setUp() throws IOException {
        config = tmp.resolve("claude-config");
        project = Files.createDirectories(config.resolve("projects").resolve("-home-dev-work"));
        locator = new TranscriptLocator(config);
    }

    @Test
    void resolves_a_transcript_under_the_projects_folder() throws IOException {
        Path file = Files.writeString(project.resolve("abc.jsonl"), "{}\n");

        TranscriptFile resolved = locator.resolve(file.toString());

        assertThat(resolved.path()).isEqualTo(file.toRealPath());
    }

    @Test
    void refuses_a_path_that_climbs_out_with_dot_dot() throws IOException {
        Files.writeString(tmp.resolve("secret.jsonl"), "{}\n");
        String escape = project + "/../../../secret.jsonl";

        assertThatThrownBy(() -> locator.resolve(escape))
                .isInstanceOf(TranscriptException.PathRefused.class)
                .hasMessageContaining("transcripts are read only from Claude Code's projects folder");
    }

    @Test
    void refuses_a_symlink_inside_the_root_that_points_outside() throws IOException {
        Path outside = Files.writeString(tmp.resolve("outside.jsonl"), "{}\n");
        Path link = Files.createSymbolicLink(project.resolve("link.jsonl"), outside);

        assertThatThrownBy(() -> locator.resolve(link.toString()))
                .isInstanceOf(TranscriptException.PathRefused.class)
                .hasMessageContaining("projects folder");
    }

    @Test
    void refuses_a_symlinked_directory_that_points_outside() throws IOException {
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.writeString(elsewhere.resolve("x.jsonl"), "{}\n");
        Files.createSymbolicLink(project.resolve("sub"), elsewhere);

        assertThatThrownBy(() -> locator.resolve(project.resolve("sub/x.jsonl").toString()))
                .isInstanceOf(TranscriptException.PathRefused.class);
    }

    @Test
    void accepts_a_projects_folder_that_is_itself_a_symlink() throws IOException {
        Path realConfig = Files.createDirectories(tmp.resolve("real-config/projects/p"));
        Path file = Files.writeString(realConfig.resolve("s.jsonl"), "{}\n");
        Path linkedConfig = Files.createSymbolicLink(tmp.resolve("linked-config"), tmp.resolve("real-config"));

        TranscriptFile resolved = new TranscriptLocator(linkedConfig).resolve(linkedConfig + "/projects/p/s.jsonl");

        assertThat(resolved.path()).isEqualTo(file.toRealPath());
    }

    @Test
    void refuses_a_file_that_is_not_jsonl() throws IOException {
        Path file = Files.writeString(project.resolve("notes.txt"), "hello\n");

        assertThatThrownBy(() -> locator.resolve(file.toString()))
                .isInstanceOf(TranscriptException.PathRefused.class)
                .hasMessageContaining("a transcript is a .jsonl file");
    }

    @Test
    void refuses_a_jsonl_symlink_to_a_non_jsonl_file_inside_the_root() throws IOException {
        Path target = Files.writeString(project.resolve("notes.txt"), "hello\n");
        Path link = Files.createSymbolicLink(project.resolve("notes.jsonl"), target);

        assertThatThrownBy(() -> locator.resolve(link.toString()))
                .isInstanceOf(TranscriptException.PathRefused.class)
                .hasMessageContaining(".jsonl");
    }

    @Test
    void refuses_a_directory_named_like_a_transcript() throws IOException {
        Path dir = Files.createDirectories(project.resolve("dir.jsonl"));

        assertThatThrownBy(() -> locator.resolve(dir.toString()))
                .isInstanceOf(TranscriptException.PathRefused.class)
                .hasMessageContaining("not a regular file");
    }

    @Test
    void refuses_relative_missing_and_empty_paths_with_clear_sentences() {
        assertThatThrownBy(() -> locator.resolve("projects/x.jsonl"))
                .isInstanceOf(TranscriptException.PathRefused.class)
                .hasMessage("The transcript path must be absolute, got projects/x.jsonl.");
        assertThatThrownBy(
                        () -> locator.resolve(project.resolve("missing.jsonl").toString()))
                .isInstanceOf(TranscriptException.PathRefused.class)
                .hasMessageStartingWith("No transcript exists at ");
        assertThatThrownBy(() -> locator.resolve(" "))
                .isInstanceOf(TranscriptException.PathRefused.class)
                .hasMessage("No transcript path was given.");
        assertThatThrownBy(() -> locator.resolve("/etc/passwd"))
                .isInstanceOf(TranscriptException.PathRefused.class)
                .hasMessageStartingWith("Refusing to read /etc/passwd");
    }

    @Test
    void says_so_when_the_projects_folder_does_not_exist() {
        TranscriptLocator none = new TranscriptLocator(tmp.resolve("no-such-config"));

        assertThatThrownBy(() -> none.resolve("/tmp/x.jsonl"))
                .isInstanceOf(TranscriptException.PathRefused.class)
                .hasMessageContaining("does not exist");
    }

    @Test
    void follows_claude_config_dir_then_home() {
        TranscriptLocator fromConfig =
                TranscriptLocator.fromEnvironment(Map.of("CLAUDE_CONFIG_DIR", "/cfg", "HOME", "/home/u"));
        TranscriptLocator fromHome = TranscriptLocator.fromEnvironment(Map.of("HOME", "/home/u"));
        TranscriptLocator blankConfig =
                TranscriptLocator.fromEnvironment(Map.of("CLAUDE_CONFIG_DIR", " ", "HOME", "/home/u"));

        assertThat(fromConfig.projectsDir()).isEqualTo(Path.of("/cfg/projects"));
        assertThat(fromHome.projectsDir()).isEqualTo(Path.of("/home/u/.claude/projects"));
        assertThat(blankConfig.projectsDir()).isEqualTo(Path.of("/home/u/.claude/projects"));
    }

    @Test
    void finds_a_transcript_by_session_id_and_rejects_path_like_ids() throws IOException {
        Path file = Files.writeString(project.resolve("529b7379-7ce8.jsonl"), "{}\n");

        assertThat(locator.findBySessionId("529b7379-7ce8"))
                .map(TranscriptFile::path)
                .contains(file.toRealPath());
        assertThat(locator.findBySessionId("unknown-id")).isEmpty();
        assertThatThrownBy(() -> locator.findBySessionId("../etc"))
                .isInstanceOf(TranscriptException.PathRefused.class)
                .hasMessage("Not a valid session id: ../etc.");
    }
}
