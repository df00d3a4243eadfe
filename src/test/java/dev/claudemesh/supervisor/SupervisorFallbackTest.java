package dev.claudemesh.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudemesh.supervisor.fixtures.ExitWith;
import dev.claudemesh.supervisor.fixtures.PipedStdout;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without a terminal the supervisor steps aside; without a claude binary it says how to fix that. */
class SupervisorFallbackTest {
    @TempDir
    Path home;

    @Test
    void without_a_terminal_claude_runs_without_a_pty_and_keeps_its_exit_code() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Fixtures.supervisor(ExitWith.class, "cat"));
        builder.environment().putAll(Fixtures.supervisorEnv(home));
        Process supervisor = builder.start();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(supervisor.getErrorStream()));
        supervisor.getOutputStream().write("piped input\n".getBytes(StandardCharsets.UTF_8));
        supervisor.getOutputStream().close();
        String out = read(supervisor.getInputStream());
        assertThat(supervisor.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(supervisor.exitValue()).isZero();
        assertThat(out).isEqualTo("piped input\n");
        assertThat(err.get(10, TimeUnit.SECONDS)).isEqualTo(NoPtyRunner.NOTICE + "\n");
    }

    @Test
    void without_a_terminal_a_failing_claude_exit_code_is_ours() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Fixtures.supervisor(ExitWith.class, "3"));
        builder.environment().putAll(Fixtures.supervisorEnv(home));
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process supervisor = builder.start();
        String out = read(supervisor.getInputStream());
        assertThat(supervisor.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(supervisor.exitValue()).isEqualTo(3);
        assertThat(out).isEqualTo("BYE\n");
    }

    @Test
    void stdout_into_a_pipe_means_no_pty_even_with_a_terminal_on_stdin() throws Exception {
        List<String> command = new ArrayList<>(Fixtures.fixture(PipedStdout.class));
        command.addAll(Fixtures.supervisor(ExitWith.class, "4"));
        try (PtyScreen screen = PtyScreen.start(new PtyCommand(
                command, Fixtures.supervisorEnv(home), Path.of("").toAbsolutePath(), WindowSize.DEFAULT))) {
            screen.await("EXIT 4", Duration.ofSeconds(30));
            assertThat(screen.text()).contains(NoPtyRunner.NOTICE).contains("OUT:BYE");
        }
    }

    @Test
    void a_missing_claude_binary_gives_one_line_and_exit_127() throws Exception {
        Path emptyDir = Files.createDirectory(home.resolve("bin"));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = SupervisorMain.run(
                List.of("-c"),
                Map.of("PATH", emptyDir.toString()),
                null,
                SupervisorListener.NONE,
                SupervisorConfig.defaults(Map.of("CLAUDEMESH_HOME", home.toString())),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exit).isEqualTo(127);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo("claudemesh: cannot find 'claude' on PATH; install Claude Code or set CLAUDEMESH_CLAUDE_BIN"
                        + " to the claude binary.\n");
    }

    @Test
    void a_wrong_claude_bin_setting_names_the_variable() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = SupervisorMain.run(
                List.of(),
                Map.of(
                        "PATH",
                        "/usr/bin",
                        ClaudeBinary.ENV_VAR,
                        home.resolve("nope/claude").toString()),
                null,
                SupervisorListener.NONE,
                SupervisorConfig.defaults(Map.of("CLAUDEMESH_HOME", home.toString())),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exit).isEqualTo(127);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .startsWith("claudemesh: CLAUDEMESH_CLAUDE_BIN=")
                .contains("is not an executable file")
                .endsWith("\n")
                .hasLineCount(1);
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
