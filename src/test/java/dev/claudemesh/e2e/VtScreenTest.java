package dev.claudemesh.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class VtScreenTest {

    private static TerminalOutput feed(int cols, int rows, String text) {
        TerminalOutput output = new TerminalOutput("test", cols, rows);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        output.append(bytes, bytes.length);
        return output;
    }

    @Test
    void cursor_addressed_words_read_as_separate_words() {
        TerminalOutput output = feed(40, 5, "\u001b[H\r\u001b[12B●\u001b[3Gok\u001b[6Gfrom\u001b[11Gfake");
        assertThat(output.screenText().strip()).isEqualTo("● ok from fake");
        assertThat(output.plainText()).contains("● ok from fake");
    }

    @Test
    void erase_line_and_display_clear_cells() {
        TerminalOutput output = feed(20, 3, "hello world\r\u001b[6C\u001b[Kthere\nsecond\u001b[2J\u001b[Hthird");
        assertThat(output.screenText()).isEqualTo("third");
    }

    @Test
    void absolute_positioning_overwrites_in_place() {
        TerminalOutput output = feed(20, 3, "abcdef\u001b[1;3HXY\u001b[2;2Hz");
        assertThat(output.screenText()).isEqualTo("abXYef\n z");
    }

    @Test
    void alternate_screen_is_left_with_the_main_screen_restored() {
        TerminalOutput output = feed(20, 3, "main text\u001b[?1049h\u001b[2J\u001b[Hin the tui\u001b[?1049lafter");
        assertThat(output.screenText()).isEqualTo("main textafter");
        assertThat(output.plainText()).contains("in the tui").contains("after");
    }

    @Test
    void text_past_the_bottom_scrolls_the_screen_up() {
        TerminalOutput output = feed(10, 2, "one\r\ntwo\r\nthree");
        assertThat(output.screenText()).isEqualTo("two\nthree");
    }

    @Test
    void long_lines_wrap_at_the_right_margin() {
        TerminalOutput output = feed(4, 3, "abcdefgh");
        assertThat(output.screenText()).isEqualTo("abcd\nefgh");
    }

    @Test
    void wide_characters_take_two_cells() {
        TerminalOutput output = feed(10, 1, "日本\u001b[5Gx");
        assertThat(output.screenText()).isEqualTo("日本x");
    }

    @Test
    void osc_titles_and_queries_leave_no_text() {
        TerminalOutput output =
                feed(30, 2, "\u001b]0;✳ Claude Code\u0007\u001b[>0q\u001b[?u\u001b]7501;?\u001b\\\u001b[cvisible");
        assertThat(output.screenText()).isEqualTo("visible");
        assertThat(output.plainText()).isEqualTo("visible");
    }

    @Test
    void utf8_split_across_chunks_is_decoded_once() {
        TerminalOutput output = new TerminalOutput("test", 10, 1);
        byte[] prompt = "❯\u00a0hi".getBytes(StandardCharsets.UTF_8);
        output.append(new byte[] {prompt[0], prompt[1]}, 2);
        output.append(java.util.Arrays.copyOfRange(prompt, 2, prompt.length), prompt.length - 2);
        assertThat(output.screenText()).isEqualTo("❯\u00a0hi");
    }

    @Test
    void scroll_region_keeps_lines_outside_it() {
        TerminalOutput output = feed(10, 4, "top\u001b[2;3r\u001b[3;1Ha\r\nb\r\nc\u001b[r\u001b[4;1Hbottom");
        assertThat(output.screenText()).isEqualTo("top\nb\nc\nbottom");
    }
}
