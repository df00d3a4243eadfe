package dev.claudemesh.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputRouteTest {
    @TempDir
    Path tmp;

    @Test
    void claude_writes_to_stdouts_terminal_unless_the_relay_is_asked_for() {
        assertThat(OutputRoute.directTerminal(Map.of(), fd -> fd == 1 ? "/dev/pts/7" : null))
                .contains("/dev/pts/7");
        assertThat(OutputRoute.directTerminal(Map.of(OutputRoute.ENV_VAR, "direct"), fd -> "/dev/pts/7"))
                .contains("/dev/pts/7");
        assertThat(OutputRoute.directTerminal(Map.of(OutputRoute.ENV_VAR, "relay"), fd -> "/dev/pts/7"))
                .isEmpty();
    }

    @Test
    void no_terminal_name_or_no_native_library_means_the_relay() {
        assertThat(OutputRoute.directTerminal(Map.of(), fd -> null)).isEmpty();
        assertThat(OutputRoute.directTerminal(Map.of(), fd -> "pts/7")).isEmpty();
        assertThat(OutputRoute.directTerminal(Map.of(), fd -> {
                    throw new UnsatisfiedLinkError("no jlinenative");
                }))
                .isEmpty();
    }

    @Test
    void the_command_runs_with_its_output_on_the_terminal_device() throws Exception {
        // /dev/null stands in for the terminal: a writable character device
        Run r = run(OutputRoute.writingTo("/dev/null", List.of("/bin/sh", "-c", "echo out; echo err >&2")));
        assertThat(r.code).isZero();
        assertThat(r.output).isEmpty();
    }

    @Test
    void a_path_that_is_no_writable_device_leaves_the_output_where_it_was() throws Exception {
        Path plain = Files.writeString(tmp.resolve("it's a \"file\"; $(touch hacked)"), "");
        for (String terminal : List.of(plain.toString(), tmp.resolve("missing").toString())) {
            Run r = run(OutputRoute.writingTo(terminal, List.of("/bin/sh", "-c", "echo out; exit 3")));
            assertThat(r.code).as(terminal).isEqualTo(3);
            assertThat(r.output).as(terminal).isEqualTo("out\n");
        }
        assertThat(Files.readString(plain)).isEmpty();
        assertThat(tmp.resolve("hacked")).doesNotExist();
    }

    @Test
    void the_command_keeps_its_arguments_and_its_pid() throws Exception {
        List<String> command = new ArrayList<>(OutputRoute.writingTo(
                "/dev/null", List.of("/bin/sh", "-c", "echo \"$$ $1|$2\" >&3", "x", "a b", "'c\"")));
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", "exec \"$@\" 3>&1", "outer");
        builder.command().addAll(command);
        Process p = builder.redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).isZero();
        assertThat(out).isEqualTo(p.pid() + " a b|'c\"\n");
    }

    private record Run(int code, String output) {}

    private static Run run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(p.waitFor(), out);
    }
}
