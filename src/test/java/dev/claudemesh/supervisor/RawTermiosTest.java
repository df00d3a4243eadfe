package dev.claudemesh.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jline.nativ.CLibrary.Termios;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RawTermiosTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @BeforeAll
    static void nativeLibraries() {
        NativeLibraries.prepare(Fixtures.NATIVE_CACHE);
    }

    private static String modesAfterRaw(String how) throws Exception {
        List<String> command = Fixtures.fixture(RawModeProbe.class, how, Fixtures.NATIVE_CACHE.toString());
        try (PtyScreen screen = PtyScreen.start(
                new PtyCommand(command, System.getenv(), Path.of("").toAbsolutePath(), WindowSize.DEFAULT))) {
            String modes = screen.await("MODES:([0-9a-f:]+)\r?\n", TIMEOUT).group(1);
            assertThat(screen.exitCode(TIMEOUT)).isZero();
            return modes;
        }
    }

    @Test
    void the_computed_raw_mode_is_exactly_what_stty_raw_sets() throws Exception {
        String computed = modesAfterRaw("native");
        String stty = modesAfterRaw("stty");
        assertThat(computed).isEqualTo(stty);
    }

    /** A fresh PTY has output processing on ({@code opost onlcr}): kept, it is what {@code stty raw opost} sets. */
    @Test
    void raw_mode_for_a_claude_writing_to_the_terminal_itself_keeps_the_output_processing() throws Exception {
        String kept = modesAfterRaw("native-keep-output");
        assertThat(kept).isEqualTo(modesAfterRaw("stty-opost"));
        assertThat(kept).isNotEqualTo(modesAfterRaw("native"));
    }

    @Test
    void raw_mode_is_computed_only_where_the_termios_bits_are_known() {
        Termios modes = new Termios();
        modes.c_cc = new byte[32];
        assertThat(RawTermios.from(modes, "Linux", "amd64")).isPresent();
        assertThat(RawTermios.from(modes, "Linux", "aarch64")).isPresent();
        assertThat(RawTermios.from(modes, "Linux", "ppc64le")).isEmpty();
        assertThat(RawTermios.from(modes, "Mac OS X", "aarch64")).isEmpty();
    }

    @Test
    void fionread_is_used_only_where_its_value_is_known() {
        assertThat(Posix.fionread("Linux", "amd64")).isEqualTo(0x541B);
        assertThat(Posix.fionread("Mac OS X", "aarch64")).isEqualTo(0x4004667FL);
        assertThat(Posix.fionread("Linux", "mips64el")).isZero();
        assertThat(Posix.fionread("FreeBSD", "amd64")).isZero();
    }
}
