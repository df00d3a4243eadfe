package dev.claudemesh.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudemesh.supervisor.fixtures.EmitBytes;
import dev.claudemesh.supervisor.fixtures.ExitWith;
import dev.claudemesh.supervisor.fixtures.RawEcho;
import dev.claudemesh.supervisor.fixtures.ReportSize;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PtySessionTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @BeforeAll
    static void nativeLibraries() {
        NativeLibraries.prepare(Fixtures.NATIVE_CACHE);
    }

    private static PtyScreen start(List<String> command, WindowSize size) throws Exception {
        Map<String, String> env = new java.util.HashMap<>(System.getenv());
        env.put("TERM", "xterm-256color");
        return PtyScreen.start(new PtyCommand(command, env, Path.of("").toAbsolutePath(), size));
    }

    @Test
    void child_reads_all_256_byte_values_unchanged() throws Exception {
        try (PtyScreen screen = start(Fixtures.fixture(RawEcho.class, "hex", "256"), WindowSize.DEFAULT)) {
            screen.await("READY", TIMEOUT);
            byte[] all = new byte[256];
            for (int i = 0; i < 256; i++) {
                all[i] = (byte) i;
            }
            screen.session().write(all);
            String hex = screen.await("HEX:([0-9a-f]+)\n", TIMEOUT).group(1);
            assertThat(HexFormat.of().parseHex(hex)).isEqualTo(all);
            assertThat(screen.exitCode(TIMEOUT)).isZero();
        }
    }

    @Test
    void a_large_write_reaches_the_child_completely() throws Exception {
        byte[] data = new byte[256 * 1024];
        new Random(42).nextBytes(data);
        try (PtyScreen screen =
                start(Fixtures.fixture(RawEcho.class, "digest", Integer.toString(data.length)), WindowSize.DEFAULT)) {
            screen.await("READY", TIMEOUT);
            screen.session().write(data);
            String digest = screen.await("DIGEST:([0-9a-f]+)\n", TIMEOUT).group(1);
            assertThat(digest)
                    .isEqualTo(HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(data)));
        }
    }

    @Test
    void child_output_arrives_byte_exact_even_right_before_exit() throws Exception {
        try (PtyScreen screen = start(Fixtures.fixture(EmitBytes.class), WindowSize.DEFAULT)) {
            assertThat(screen.exitCode(TIMEOUT)).isZero();
            byte[] expected = EmitBytes.payload();
            screen.awaitBytes(expected.length, TIMEOUT);
            byte[] seen = screen.bytes();
            int start = indexOf(seen, "START".getBytes(StandardCharsets.US_ASCII));
            assertThat(start).isNotNegative();
            assertThat(Arrays.copyOfRange(seen, start, seen.length)).isEqualTo(expected);
        }
    }

    @Test
    void child_sees_the_initial_window_size_and_every_resize() throws Exception {
        try (PtyScreen screen = start(Fixtures.fixture(ReportSize.class), new WindowSize(100, 30))) {
            screen.await("SIZE 30 100", TIMEOUT);
            screen.session().resize(new WindowSize(132, 43));
            screen.await("WINCH 43 132", TIMEOUT);
            assertThat(screen.session().size()).isEqualTo(new WindowSize(132, 43));
            screen.write("quit\r");
            screen.await("BYE", TIMEOUT);
            assertThat(screen.exitCode(TIMEOUT)).isZero();
        }
    }

    @Test
    void exit_code_of_the_child_is_reported() throws Exception {
        try (PtyScreen screen = start(Fixtures.fixture(ExitWith.class, "3"), WindowSize.DEFAULT)) {
            assertThat(screen.exitCode(TIMEOUT)).isEqualTo(3);
        }
    }

    @Test
    void a_child_killed_by_a_signal_reports_128_plus_the_signal() throws Exception {
        try (PtyScreen screen = start(Fixtures.fixture(ExitWith.class, "signal", "KILL"), WindowSize.DEFAULT)) {
            assertThat(screen.exitCode(TIMEOUT)).isEqualTo(128 + 9);
        }
    }

    @Test
    void a_crashing_child_reports_its_failure() throws Exception {
        try (PtyScreen screen = start(Fixtures.fixture(ExitWith.class, "throw"), WindowSize.DEFAULT)) {
            assertThat(screen.exitCode(TIMEOUT)).isEqualTo(1);
            assertThat(screen.text()).contains("fixture crash");
        }
    }

    @Test
    void terminate_and_hangup_end_a_waiting_child() throws Exception {
        try (PtyScreen screen = start(Fixtures.fixture(ExitWith.class, "wait"), WindowSize.DEFAULT)) {
            screen.await("WAITING", TIMEOUT);
            screen.session().terminate();
            assertThat(screen.exitCode(TIMEOUT)).isEqualTo(128 + 15);
        }
        try (PtyScreen screen = start(Fixtures.fixture(ExitWith.class, "wait"), WindowSize.DEFAULT)) {
            screen.await("WAITING", TIMEOUT);
            screen.session().hangup();
            assertThat(screen.exitCode(TIMEOUT)).isEqualTo(128 + 1);
        }
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
