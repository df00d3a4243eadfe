package dev.claudemesh.gui.terminal;

import static dev.claudemesh.gui.FxTesting.onFx;
import static dev.claudemesh.gui.FxTesting.runFx;
import static dev.claudemesh.gui.GuiFixture.until;
import static org.assertj.core.api.Assertions.assertThat;

import dev.claudemesh.gui.FxTesting;
import dev.claudemesh.gui.GuiFixture;
import dev.claudemesh.gui.Screenshots;
import dev.claudemesh.gui.model.SessionRow;
import dev.claudemesh.gui.window.MainWindow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

class TerminalTabTest {
    @TempDir
    Path dir;

    GuiFixture f;
    MainWindow w;
    Path fakeClaude;
    final FxRobot robot = new FxRobot();

    @BeforeAll
    static void toolkit() throws Exception {
        FxTesting.startToolkit();
    }

    @BeforeEach
    void open() throws Exception {
        f = new GuiFixture(dir);
        fakeClaude = dir.resolve("fake-claude");
        String java = ProcessHandle.current().info().command().orElseThrow();
        Files.writeString(
                fakeClaude,
                "#!/bin/sh\nexec '" + java + "' -XX:TieredStopAtLevel=1 -cp '" + System.getProperty("java.class.path")
                        + "' " + FakeClaude.class.getName() + " \"$@\"\n");
        Files.setPosixFilePermissions(fakeClaude, PosixFilePermissions.fromString("rwx------"));
        w = onFx(() -> {
            MainWindow m = new MainWindow(
                    new Stage(),
                    f.services,
                    f.model,
                    SessionLauncher.current(),
                    Map.of("CLAUDEMESH_CLAUDE_BIN", fakeClaude.toString()));
            m.stage().setWidth(1180);
            m.stage().setHeight(760);
            m.show();
            return m;
        });
    }

    @AfterEach
    void close() throws Exception {
        w.shutdown();
        runFx(() -> w.stage().hide());
        f.close();
    }

    @Test
    void a_program_runs_in_a_real_pty_and_its_output_appears_in_the_tab() throws Exception {
        TerminalTab t =
                onFx(() -> w.terminals().openCommand(dir, List.of("/bin/bash", "--norc", "--noprofile", "-i"), "bash"));
        robot.clickOn(t.widget().getPreferredFocusableNode());
        robot.write("echo $((6*7))x; tput cols\n");
        until(() -> t.screenText().contains("42x"));
        assertThat(t.process().isAlive()).isTrue();
        w.terminals().close(t).get(30, TimeUnit.SECONDS);
        assertThat(t.process().isAlive()).isFalse();
    }

    @Test
    void a_new_session_runs_claudemesh_run_in_the_folder_shows_as_supervised_and_closing_its_tab_ends_it()
            throws Exception {
        Path project = Files.createDirectories(dir.resolve("projects-src").resolve("shop"));
        Optional<TerminalTab> started = onFx(() -> w.startSession(new NewSessionDialog.Choice(
                project, ClaudeArgs.parse("--model sonnet --append-system-prompt 'be brief'"))));
        TerminalTab t = started.orElseThrow();
        until(() -> t.screenText().contains("term="));
        assertThat(t.screenText())
                .contains(
                        "args=[--model, sonnet, --append-system-prompt, be brief]",
                        "term=xterm-256color",
                        "in " + project);
        until(() -> onFx(() ->
                f.model.sessions().stream().anyMatch(r -> r.cwd().equals(project.toString()) && r.supervised())));
        SessionRow row = onFx(() -> f.model.sessions().stream()
                .filter(r -> r.cwd().equals(project.toString()))
                .findFirst()
                .orElseThrow());
        robot.clickOn(t.widget().getPreferredFocusableNode());
        robot.write("hello tab\n");
        until(() -> t.screenText().contains("you said: hello tab"));
        runFx(() -> Screenshots.save(w.stage().getScene(), "window-terminal-tab"));

        List<ProcessHandle> tree =
                ProcessHandle.of(t.process().pid()).orElseThrow().descendants().toList();
        assertThat(tree).isNotEmpty(); // the fake claude under the supervisor
        w.terminals().close(t).get(60, TimeUnit.SECONDS);
        assertThat(t.process().isAlive()).isFalse();
        assertThat(tree).noneMatch(ProcessHandle::isAlive);
        // it ended as claude does on SIGTERM: its session is gone from the mesh
        until(() -> onFx(() -> f.model.session(row.id()).isEmpty()));
        assertThat(onFx(() -> w.stage().getScene().lookup("#main-tabs") != null))
                .isTrue();
    }

    @Test
    void claude_arguments_are_split_like_a_shell_and_bad_ones_are_explained() {
        assertThat(ClaudeArgs.parse("  -p \"two words\" 'it''s' a\\ b  "))
                .containsExactly("-p", "two words", "its", "a b");
        assertThat(ClaudeArgs.parse("")).isEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ClaudeArgs.parse("--x 'open"))
                .hasMessageContaining("single quote (') at position 5 is not closed");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ClaudeArgs.parse("--p $HOME"))
                .hasMessageContaining("no shell runs here");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ClaudeArgs.parse("a | b"))
                .hasMessageContaining("'|'");
    }
}
