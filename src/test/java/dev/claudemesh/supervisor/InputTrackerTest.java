package dev.claudemesh.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InputTrackerTest {
    private static final String ESC = "\u001b";
    private static final String PASTE_START = ESC + "[200~";
    private static final String PASTE_END = ESC + "[201~";

    private final FakeClock clock = new FakeClock();
    private final InputTracker tracker = new InputTracker(clock);

    private void type(String keys) {
        byte[] bytes = keys.getBytes(StandardCharsets.UTF_8);
        tracker.observe(bytes, 0, bytes.length);
    }

    private boolean draft() {
        return tracker.snapshot().draft();
    }

    @Test
    void nothing_typed_means_no_draft_and_no_key() {
        assertThat(tracker.snapshot()).isEqualTo(InputSnapshot.NONE);
    }

    @Test
    void typed_text_is_a_draft() {
        type("hello");
        assertThat(draft()).isTrue();
    }

    @Test
    void enter_ctrl_c_and_ctrl_u_clear_a_typed_draft() {
        type("hello\r");
        assertThat(draft()).isFalse();
        type("hello\u0003");
        assertThat(draft()).isFalse();
        type("hello\u0015");
        assertThat(draft()).isFalse();
    }

    @Test
    void backspace_to_empty_clears_a_typed_draft() {
        type("ab\u007f");
        assertThat(draft()).isTrue();
        type("\u007f");
        assertThat(draft()).isFalse();
    }

    @Test
    void backspace_counts_characters_not_bytes() {
        type("é€");
        type("\u007f");
        assertThat(draft()).isTrue();
        type("\b");
        assertThat(draft()).isFalse();
    }

    @Test
    void backspace_cannot_empty_a_draft_whose_cursor_moved() {
        type("ab" + ESC + "[D");
        type("\u007f\u007f\u007f\u007f");
        assertThat(draft()).isTrue();
    }

    @Test
    void ctrl_u_keeps_a_draft_whose_cursor_moved_or_that_spans_lines() {
        type("ab" + ESC + "[D\u0015");
        assertThat(draft()).isTrue();
        type("\u0003line one\nline two\u0015");
        assertThat(draft()).isTrue();
    }

    @Test
    void history_recall_counts_as_a_draft_in_both_key_encodings() {
        for (String arrow : List.of(ESC + "[A", ESC + "[B", ESC + "OA", ESC + "OB", ESC + "[1;2A", "\u0010")) {
            InputTracker fresh = new InputTracker(clock);
            byte[] bytes = arrow.getBytes(StandardCharsets.UTF_8);
            fresh.observe(bytes, 0, bytes.length);
            assertThat(fresh.snapshot().draft()).as(arrow.replace(ESC, "ESC")).isTrue();
        }
    }

    @Test
    void backspace_after_history_recall_keeps_the_draft() {
        type(ESC + "[A" + "\u007f".repeat(200));
        assertThat(draft()).isTrue();
        type("\r");
        assertThat(draft()).isFalse();
    }

    @Test
    void a_bracketed_paste_is_a_draft_and_keys_inside_it_are_text() {
        type(PASTE_START + "first line\rsecond\u0003\u0015" + PASTE_END);
        assertThat(draft()).isTrue();
        type("\r");
        assertThat(draft()).isFalse();
    }

    @Test
    void an_unfinished_paste_is_a_draft() {
        type(PASTE_START + "half a paste\r");
        assertThat(draft()).isTrue();
    }

    @Test
    void enter_after_a_trailing_backslash_inserts_a_line_break() {
        type("first\\\r");
        assertThat(draft()).isTrue();
        type("second\r");
        assertThat(draft()).isFalse();
    }

    @Test
    void enter_right_after_an_at_mention_picks_the_completion_and_keeps_the_draft() {
        type("look at @src/Ma\r");
        assertThat(draft()).isTrue();
        type("\r");
        assertThat(draft()).isFalse();
    }

    @Test
    void a_submitted_prompt_clears_the_draft_if_the_last_key_was_enter() {
        type("see @file\r");
        tracker.promptSubmitted();
        assertThat(draft()).isFalse();
        type("next thought");
        tracker.promptSubmitted();
        assertThat(draft()).isTrue();
    }

    @Test
    void keys_that_may_insert_unseen_text_count_as_a_draft() {
        for (String key : List.of("\t", "\u0012", "\u0016", "\u0019", "\n", ESC + "\r", ESC + "x", "\u0080")) {
            InputTracker fresh = new InputTracker(clock);
            byte[] bytes = key.getBytes(StandardCharsets.ISO_8859_1);
            fresh.observe(bytes, 0, bytes.length);
            assertThat(fresh.snapshot().draft()).as(hex(bytes)).isTrue();
        }
    }

    @Test
    void keys_that_only_move_or_switch_modes_make_no_draft() {
        type(ESC + "[C" + ESC + "[D" + ESC + "[H" + ESC + "[Z" + ESC + "[3~" + "\u000c" + "\u0001");
        assertThat(draft()).isFalse();
        assertThat(tracker.snapshot().anyKey()).isTrue();
    }

    @Test
    void terminal_reports_are_neither_keys_nor_drafts() {
        type(ESC + "[I" + ESC + "[O" // focus in, out
                + ESC + "[12;40R" // cursor position
                + ESC + "[?62;22c" // device attributes
                + ESC + "[?2026;2$y" // mode report
                + ESC + "]11;rgb:0000/0000/0000" + ESC + "\\" // background colour, ST-terminated
                + ESC + "]10;rgb:ffff/ffff/ffff\u0007" // foreground colour, BEL-terminated
                + ESC + "[<0;12;5M" // SGR mouse
                + ESC + "[M !!"); // X10 mouse
        assertThat(tracker.snapshot()).isEqualTo(InputSnapshot.NONE);
    }

    @Test
    void kitty_keyboard_protocol_keys_are_understood() {
        type("hi" + ESC + "[13u");
        assertThat(draft()).isFalse();
        type("hi" + ESC + "[99;5u");
        assertThat(draft()).isFalse();
        type("hi" + ESC + "[13;2u");
        assertThat(draft()).as("Shift-Enter inserts a line break").isTrue();
        type(ESC + "[27;5;99~");
        assertThat(draft()).as("xterm modifyOtherKeys Ctrl-C").isFalse();
        type(ESC + "[97u");
        assertThat(draft()).isTrue();
    }

    @Test
    void a_lone_escape_before_a_control_key_does_not_hide_it() {
        type("hello" + ESC + "\u0003");
        assertThat(draft()).isFalse();
    }

    @Test
    void the_time_of_the_last_key_is_recorded() {
        type("a");
        long first = tracker.snapshot().lastKeyNanos();
        clock.advance(Duration.ofMillis(300));
        type(ESC + "[12;40R");
        assertThat(tracker.snapshot().lastKeyNanos())
                .as("a report is not a key")
                .isEqualTo(first);
        type("b");
        assertThat(tracker.snapshot().lastKeyNanos())
                .isEqualTo(first + Duration.ofMillis(300).toNanos());
    }

    @Test
    void listeners_hear_keys_but_not_reports() {
        AtomicInteger calls = new AtomicInteger();
        tracker.addListener(calls::incrementAndGet);
        type(ESC + "[I");
        assertThat(calls).hasValue(0);
        type("x");
        assertThat(calls).hasValue(1);
    }

    /** Each case: keys, then whether a draft remains. Fed whole, byte by byte, and split at every point. */
    private static final List<Object[]> SEQUENCES = List.of(
            new Object[] {"hello", true},
            new Object[] {"hello\r", false},
            new Object[] {"日本語🎉\u007f\u007f\u007f\u007f", false},
            new Object[] {"日本語🎉\u007f\u007f\u007f", true},
            new Object[] {PASTE_START + "a\rb" + ESC + "[201" + PASTE_END, true},
            new Object[] {PASTE_START + "x" + PASTE_END + "\u0003", false},
            new Object[] {ESC + "[A", true},
            new Object[] {ESC + "OB", true},
            new Object[] {ESC + "[I" + ESC + "[12;40R" + ESC + "]11;rgb:0/0/0" + ESC + "\\", false},
            new Object[] {"ab" + ESC + "[13u", false},
            new Object[] {"ab" + ESC + "[13;2u", true},
            new Object[] {ESC + "[<0;1;1M" + ESC + "[M!!!", false},
            new Object[] {"q\\\r", true},
            new Object[] {"x" + ESC + "\u0015", true}, // a lone Escape makes the draft inexact
            new Object[] {"x" + ESC + "\u0003", false});

    @Test
    void sequences_split_across_reads_decode_as_in_one_read() {
        for (Object[] sequence : SEQUENCES) {
            byte[] bytes = ((String) sequence[0]).getBytes(StandardCharsets.UTF_8);
            boolean expected = (Boolean) sequence[1];
            String label = hex(bytes);
            assertThat(feed(bytes, bytes.length)).as("whole " + label).isEqualTo(expected);
            assertThat(feed(bytes, 1)).as("byte by byte " + label).isEqualTo(expected);
            for (int split = 1; split < bytes.length; split++) {
                InputTracker fresh = new InputTracker(clock);
                fresh.observe(bytes, 0, split);
                fresh.observe(bytes, split, bytes.length - split);
                assertThat(fresh.snapshot().draft())
                        .as("split at " + split + " " + label)
                        .isEqualTo(expected);
            }
        }
    }

    private boolean feed(byte[] bytes, int chunk) {
        InputTracker fresh = new InputTracker(clock);
        for (int i = 0; i < bytes.length; i += chunk) {
            fresh.observe(bytes, i, Math.min(chunk, bytes.length - i));
        }
        return fresh.snapshot().draft();
    }

    private static String hex(byte[] bytes) {
        return java.util.HexFormat.ofDelimiter(" ").formatHex(bytes);
    }
}
