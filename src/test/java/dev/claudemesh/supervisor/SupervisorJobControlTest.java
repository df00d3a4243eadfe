package dev.claudemesh.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudemesh.supervisor.fixtures.SuspendingClaude;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl-Z in a supervised claude (a fixture that suspends itself as claude does), with and without a shell above. */
class SupervisorJobControlTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path home;

    @BeforeAll
    static void nativeLibraries() {
        NativeLibraries.prepare(Fixtures.NATIVE_CACHE);
    }

    private PtyScreen terminal(List<String> command) throws Exception {
        return PtyScreen.start(new PtyCommand(
                command, Fixtures.supervisorEnv(home), Path.of("").toAbsolutePath(), WindowSize.DEFAULT));
    }

    @Test
    void ctrl_z_in_a_job_control_shell_stops_claude_and_the_supervisor_and_fg_brings_both_back() throws Exception {
        // the long command line goes in a script: typed, it could meet a terminal still in canonical mode (4 KiB)
        Path script = home.resolve("supervised.sh");
        Files.writeString(
                script,
                "exec "
                        + Fixtures.supervisor(SuspendingClaude.class).stream()
                                .map(word -> "'" + word.replace("'", "'\\''") + "'")
                                .collect(Collectors.joining(" "))
                        + "\n");
        try (PtyScreen screen = terminal(List.of("bash", "--norc", "--noprofile", "-i"))) {
            screen.write("PS1='READY-FOR-INPUT$ '\r");
            screen.await("(?<!')READY-FOR-INPUT\\$ ", TIMEOUT); // the prompt, not the echo of the line setting it
            screen.write("sh " + script + "\r");
            long claude =
                    Long.parseLong(screen.await("PID (\\d+)\r?\nREADY", TIMEOUT).group(1));
            screen.session().write(new byte[] {0x1a});
            screen.await("SUSPENDED", TIMEOUT);
            screen.await("Stopped", TIMEOUT); // the shell has its prompt back
            // SIGSTOP was sent before the supervisor stopped itself, but each of claude's threads stops when the
            // kernel next schedules it: on a loaded machine the shell can print "Stopped" first
            assertThat(awaitState(claude, "T"))
                    .as("claude is stopped, as under a shell: " + screen.text())
                    .isEqualTo("T");
            assertThat(screen.text()).doesNotContain("RESUMED");
            screen.write("fg\r");
            screen.await("RESUMED", TIMEOUT);
            screen.session().write(new byte[] {'q'}); // one key, no Enter: the terminal is raw again
            screen.await(
                    "BYE[\\s\\S]*READY-FOR-INPUT\\$ ", TIMEOUT); // the supervisor is gone: the shell's prompt again
            screen.write("exit\r");
            assertThat(screen.exitCode(TIMEOUT)).isZero();
        }
    }

    @Test
    void ctrl_z_without_a_shell_above_continues_claude_at_once() throws Exception {
        try (PtyScreen screen = terminal(Fixtures.supervisor(SuspendingClaude.class))) {
            screen.await("READY", TIMEOUT);
            screen.session().write(new byte[] {0x1a});
            screen.await("SUSPENDED", TIMEOUT);
            screen.await("RESUMED", TIMEOUT);
            screen.session().write(new byte[] {'q'});
            screen.await("BYE", TIMEOUT);
            assertThat(screen.exitCode(TIMEOUT)).isZero();
        }
    }

    /** The state letter of {@code pid} once it is {@code wanted}, or the last one seen when it never was. */
    private static String awaitState(long pid, String wanted) throws Exception {
        long until = System.nanoTime() + TIMEOUT.toNanos();
        String seen = state(pid);
        while (!seen.equals(wanted) && System.nanoTime() < until) {
            Thread.sleep(10);
            seen = state(pid);
        }
        return seen;
    }

    /** The process state letter from {@code /proc/<pid>/stat}: R, S, T (stopped) ... */
    private static String state(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        return stat.substring(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    }
}
