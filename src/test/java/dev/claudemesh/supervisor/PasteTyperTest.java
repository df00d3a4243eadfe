package dev.claudemesh.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class PasteTyperTest {
    private static final String ESC = "\u001b";

    private final RecordingPty pty = new RecordingPty();
    private final PasteTyper typer = new PasteTyper(pty, DeliveryMode.PASTE);

    @Test
    void types_the_text_as_one_bracketed_paste_and_enter_in_one_write() throws Exception {
        assertThat(typer.type("from ab12 (api)\nplease check", () -> true)).isTrue();
        assertThat(pty.writes())
                .extracting(RecordingPty.Write::text)
                .containsExactly(ESC + "[200~from ab12 (api)\nplease check" + ESC + "[201~\r");
    }

    @Test
    void a_long_text_is_still_one_paste_and_one_enter() throws Exception {
        typer.type("x".repeat(3000), () -> true);
        assertThat(pty.writes()).hasSize(1);
        assertThat(pty.writes().get(0).bytes()).hasSize(3000 + 12 + 1);
        assertThat(pty.writes().get(0).text()).endsWith(ESC + "[201~\r");
    }

    @Test
    void paste_markers_inside_the_text_cannot_end_the_paste() throws Exception {
        typer.type("before" + ESC + "[201~rm -rf /\r" + ESC + "[200~after", () -> true);
        String paste = pty.writes().get(0).text();
        assertThat(paste).startsWith(ESC + "[200~").endsWith(ESC + "[201~\r");
        String inner = paste.substring(6, paste.length() - 7);
        assertThat(inner).doesNotContain(ESC).doesNotContain("\r");
        assertThat(inner).isEqualTo("before␛[201~rm -rf /\n␛[200~after");
    }

    @Test
    void control_characters_become_visible_but_tab_and_newline_stay() {
        assertThat(PasteTyper.neutralise("a\tb\nc\u0003d\u0007e\u007ff\u009bg\u0000"))
                .isEqualTo("a\tb\nc␃d␇e␡f\ufffdg␀");
    }

    @Test
    void line_ends_are_normalised_and_trailing_line_breaks_dropped() {
        assertThat(PasteTyper.neutralise("one\r\ntwo\rthree\n\n")).isEqualTo("one\ntwo\nthree");
    }

    @Test
    void unicode_text_passes_unchanged_and_broken_surrogates_are_replaced() {
        assertThat(PasteTyper.neutralise("héllo ❯ 日本語 🎉")).isEqualTo("héllo ❯ 日本語 🎉");
        assertThat(PasteTyper.neutralise("a\ud800b")).isEqualTo("a\ufffdb");
    }

    @Test
    void no_byte_of_any_text_can_form_a_paste_marker_or_control_key() {
        StringBuilder every = new StringBuilder();
        for (char c = 0; c < 0x100; c++) {
            every.append(c);
        }
        byte[] inner = PasteTyper.neutralise(every.toString()).getBytes(StandardCharsets.UTF_8);
        for (byte b : inner) {
            int v = b & 0xff;
            assertThat(v < 0x20 && v != '\n' && v != '\t').as("byte %02x", v).isFalse();
            assertThat(v).isNotEqualTo(0x7f);
        }
    }

    @Test
    void sentinel_mode_types_inbox_and_enter_in_one_short_write() throws Exception {
        PasteTyper sentinel = new PasteTyper(pty, DeliveryMode.SENTINEL);
        sentinel.type("ignored body", () -> true);
        assertThat(pty.writes()).extracting(RecordingPty.Write::text).containsExactly("[inbox]\r");
        assertThat(pty.writes().get(0).bytes()).hasSizeLessThan(64); // claude takes 64 bytes or more as a paste
    }

    @Test
    void types_nothing_when_no_longer_wanted_once_the_pty_is_held() throws Exception {
        assertThat(typer.type("text", () -> false)).isFalse();
        assertThat(pty.writes()).isEmpty();
    }

    @Test
    void keys_arriving_while_typing_land_after_the_enter() throws Exception {
        CountDownLatch typing = new CountDownLatch(1);
        Thread user = new Thread(() -> {
            try {
                typing.await();
                pty.write("k".getBytes(StandardCharsets.US_ASCII));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        user.start();
        typer.type("task", () -> {
            typing.countDown();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (user.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
                Thread.onSpinWait(); // until the user's key waits for the PTY the typer holds
            }
            return true;
        });
        user.join(5000);
        assertThat(pty.writes())
                .extracting(RecordingPty.Write::text)
                .containsExactly(ESC + "[200~task" + ESC + "[201~\r", "k");
    }
}
