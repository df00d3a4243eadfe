package dev.claudemesh.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudemesh.supervisor.fixtures.EmitBytes;
import dev.claudemesh.supervisor.fixtures.EmitStream;
import dev.claudemesh.supervisor.fixtures.ExitWith;
import dev.claudemesh.supervisor.fixtures.HostShell;
import dev.claudemesh.supervisor.fixtures.RawEcho;
import dev.claudemesh.supervisor.fixtures.ReportOutput;
import dev.claudemesh.supervisor.fixtures.ReportSize;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The supervisor runs inside an outer PTY that plays the user's terminal; a fixture plays claude. */
class SupervisorTerminalTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path home;

    @BeforeAll
    static void nativeLibraries() {
        NativeLibraries.prepare(Fixtures.NATIVE_CACHE);
    }

    private PtyScreen terminal(List<String> command, WindowSize size) throws Exception {
        return terminal(command, size, Map.of());
    }

    private PtyScreen terminal(List<String> command, WindowSize size, Map<String, String> extraEnv) throws Exception {
        Map<String, String> env = new HashMap<>(Fixtures.supervisorEnv(home));
        env.putAll(extraEnv);
        return PtyScreen.start(new PtyCommand(command, env, Path.of("").toAbsolutePath(), size));
    }

    /**
     * The relay, which carries claude's output only when claude cannot write to the terminal itself: these
     * fixtures turn output processing off on their own terminal, which only the relay honours byte for byte.
     */
    private PtyScreen relayed(List<String> command) throws Exception {
        return terminal(command, WindowSize.DEFAULT, Map.of(OutputRoute.ENV_VAR, "relay"));
    }

    @Test
    void claude_writes_to_the_users_terminal_itself_and_reads_from_the_supervisors_pty() throws Exception {
        try (PtyScreen screen = terminal(Fixtures.supervisor(ReportOutput.class), WindowSize.DEFAULT)) {
            assertThat(screen.exitCode(TIMEOUT)).isZero();
            Matcher m = screen.await("FD0 (\\S+) FD1 (\\S+) PARENT1 (\\S+)", TIMEOUT);
            assertThat(m.group(2))
                    .as("claude's stdout is the supervisor's stdout")
                    .isEqualTo(m.group(3));
            assertThat(m.group(1)).as("claude's stdin is the supervisor's PTY").isNotEqualTo(m.group(2));
            // the user's terminal kept its output processing (onlcr), as with claude run in it directly
            assertThat(screen.text()).contains("\nL1\r\nL2\r\nEND");
        }
    }

    @Test
    void with_the_relay_asked_for_claude_writes_to_the_supervisors_pty_and_the_terminal_sees_the_same()
            throws Exception {
        try (PtyScreen screen = relayed(Fixtures.supervisor(ReportOutput.class))) {
            assertThat(screen.exitCode(TIMEOUT)).isZero();
            Matcher m = screen.await("FD0 (\\S+) FD1 (\\S+) PARENT1 (\\S+)", TIMEOUT);
            assertThat(m.group(2)).as("claude's stdout is the supervisor's PTY").isEqualTo(m.group(1));
            assertThat(m.group(2)).isNotEqualTo(m.group(3));
            assertThat(screen.text()).contains("\nL1\r\nL2\r\nEND");
        }
    }

    /** The supervisor started by a shell that records the terminal modes before and after. */
    private PtyScreen shellRunningSupervisor(Class<?> claude, String... args) throws Exception {
        List<String> command = new ArrayList<>(Fixtures.fixture(HostShell.class));
        command.addAll(Fixtures.supervisor(claude, args));
        return terminal(command, WindowSize.DEFAULT);
    }

    @Test
    void keys_reach_claude_byte_for_byte_through_the_supervisor() throws Exception {
        try (PtyScreen screen = terminal(Fixtures.supervisor(RawEcho.class, "hex", "256"), WindowSize.DEFAULT)) {
            screen.await("READY", TIMEOUT);
            byte[] all = new byte[256];
            for (int i = 0; i < 256; i++) {
                all[i] = (byte) i;
            }
            screen.session().write(all);
            String hex = screen.await("HEX:([0-9a-f]+)\r?\n", TIMEOUT).group(1);
            assertThat(HexFormat.of().parseHex(hex)).isEqualTo(all);
            assertThat(screen.exitCode(TIMEOUT)).isZero();
        }
    }

    @Test
    void claude_output_reaches_the_terminal_byte_for_byte() throws Exception {
        try (PtyScreen screen = relayed(Fixtures.supervisor(EmitBytes.class))) {
            assertThat(screen.exitCode(TIMEOUT)).isZero();
            byte[] expected = EmitBytes.payload();
            byte[] seen = screen.bytes();
            int start = PtySessionTest.indexOf(seen, "START".getBytes(StandardCharsets.US_ASCII));
            assertThat(start).isNotNegative();
            assertThat(Arrays.copyOfRange(seen, start, seen.length)).isEqualTo(expected);
        }
    }

    @Test
    void a_large_burst_of_claude_output_reaches_the_terminal_complete_and_in_order() throws Exception {
        int total = 16 * 1024 * 1024;
        try (PtyScreen screen = relayed(Fixtures.supervisor(EmitStream.class, Integer.toString(total)))) {
            assertThat(screen.exitCode(Duration.ofSeconds(120))).isZero();
            byte[] seen = screen.bytes();
            int start = PtySessionTest.indexOf(seen, "START".getBytes(StandardCharsets.US_ASCII));
            assertThat(start).isNotNegative();
            int body = start + "START".length();
            assertThat(seen.length - body).as("bytes after START").isEqualTo(total);
            assertThat(firstDifferenceFromStream(seen, body))
                    .as("first offset that differs")
                    .isEqualTo(-1);
        }
    }

    @Test
    void a_large_paste_reaches_claude_complete_and_in_order() throws Exception {
        byte[] paste = new byte[1024 * 1024];
        EmitStream.fill(paste, 0, paste.length);
        try (PtyScreen screen = terminal(
                Fixtures.supervisor(RawEcho.class, "digest", Integer.toString(paste.length)), WindowSize.DEFAULT)) {
            screen.await("READY", TIMEOUT);
            for (int offset = 0; offset < paste.length; offset += 5000) { // chunks that fit no buffer size
                screen.session().write(paste, offset, Math.min(5000, paste.length - offset));
            }
            String digest = screen.await("DIGEST:([0-9a-f]+)\r?\n", Duration.ofSeconds(60))
                    .group(1);
            assertThat(digest)
                    .isEqualTo(HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(paste)));
            assertThat(screen.exitCode(TIMEOUT)).isZero();
        }
    }

    private static long firstDifferenceFromStream(byte[] seen, int from) {
        for (int i = from; i < seen.length; i++) {
            if (seen[i] != EmitStream.byteAt(i - from)) {
                return i - from;
            }
        }
        return -1;
    }

    @Test
    void claude_gets_the_terminal_size_at_start_and_on_every_resize() throws Exception {
        try (PtyScreen screen = terminal(Fixtures.supervisor(ReportSize.class), new WindowSize(100, 30))) {
            screen.await("SIZE 30 100", TIMEOUT);
            screen.session().resize(new WindowSize(132, 43));
            screen.await("WINCH 43 132", TIMEOUT);
            screen.session().resize(new WindowSize(90, 20));
            screen.await("WINCH 20 90", TIMEOUT);
            screen.write("quit\r");
            screen.await("BYE", TIMEOUT);
            assertThat(screen.exitCode(TIMEOUT)).isZero();
        }
    }

    @Test
    void claude_exit_code_becomes_the_supervisor_exit_code() throws Exception {
        try (PtyScreen screen = terminal(Fixtures.supervisor(ExitWith.class, "3"), WindowSize.DEFAULT)) {
            assertThat(screen.exitCode(TIMEOUT)).isEqualTo(3);
        }
        try (PtyScreen screen = terminal(Fixtures.supervisor(ExitWith.class, "signal", "KILL"), WindowSize.DEFAULT)) {
            assertThat(screen.exitCode(TIMEOUT)).isEqualTo(128 + 9);
        }
    }

    @Test
    void terminal_modes_are_restored_after_a_normal_exit() throws Exception {
        try (PtyScreen screen = shellRunningSupervisor(ReportSize.class)) {
            screen.await("SIZE \\d+ \\d+", TIMEOUT);
            screen.write("quit\r");
            assertRestored(screen, 0);
        }
    }

    @Test
    void terminal_modes_are_restored_after_claude_crashes() throws Exception {
        try (PtyScreen screen = shellRunningSupervisor(ExitWith.class, "signal", "KILL")) {
            assertRestored(screen, 128 + 9);
        }
    }

    @Test
    void sigterm_to_the_supervisor_is_passed_to_claude_and_restores_the_terminal() throws Exception {
        try (PtyScreen screen = shellRunningSupervisor(ReportSize.class)) {
            long supervisor = Long.parseLong(screen.await("PID (\\d+)", TIMEOUT).group(1));
            screen.await("SIZE \\d+ \\d+", TIMEOUT);
            ProcessHandle.of(supervisor).orElseThrow().destroy();
            assertRestored(screen, 128 + 15);
        }
    }

    @Test
    void sighup_to_the_supervisor_is_passed_to_claude_and_restores_the_terminal() throws Exception {
        try (PtyScreen screen = shellRunningSupervisor(ReportSize.class)) {
            String supervisor = screen.await("PID (\\d+)", TIMEOUT).group(1);
            screen.await("SIZE \\d+ \\d+", TIMEOUT);
            new ProcessBuilder("kill", "-HUP", supervisor).inheritIO().start().waitFor();
            assertRestored(screen, 128 + 1);
        }
    }

    private static void assertRestored(PtyScreen screen, int expectedExit) throws Exception {
        Matcher exit = screen.await("EXIT (\\d+)", TIMEOUT);
        String before = screen.await("BEFORE (\\S+)", TIMEOUT).group(1);
        String after = screen.await("AFTER (\\S+)", TIMEOUT).group(1);
        assertThat(after).isEqualTo(before);
        assertThat(Integer.parseInt(exit.group(1))).isEqualTo(expectedExit);
    }
}
