package dev.claudemesh.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.claudemesh.message.MessageKind;
import org.junit.jupiter.api.Test;

class NotificationTextTest {
    static Notification text(String folder, String sender, String body) {
        return NotificationText.of(
                new TaskArrival("abcd1234", folder, sender, MessageKind.TASK, body, true, false, false));
    }

    @Test
    void summary_names_the_folder_and_body_the_sender_and_first_line() {
        Notification n = text("api", "k3j9x0aa", "\n\n  Run the tests  \nthen report back");
        assertEquals("Task waiting in api", n.summary());
        assertEquals("From k3j9x0aa: Run the tests", n.body());
        assertEquals("abcd1234", n.sessionId());
    }

    @Test
    void control_characters_and_escape_sequences_become_spaces() {
        Notification n = text("we\u001b[31mird", "cli", "a\u0007b\tc\u202edone\u009bx");
        assertFalse(n.summary().chars().anyMatch(c -> c < 0x20 || c == 0x202e), n.summary());
        assertFalse(n.body().chars().anyMatch(c -> c < 0x20 || c == 0x202e || c == 0x9b), n.body());
        assertEquals("From cli: a b c done x", n.body());
    }

    @Test
    void markup_is_escaped_for_servers_that_render_it() {
        assertEquals(
                "&lt;b&gt;bold&lt;/b&gt; &amp; &lt;a href=\"x\"&gt;",
                NotificationText.escapeMarkup("<b>bold</b> & <a href=\"x\">"));
    }

    @Test
    void long_lines_are_clipped_with_an_ellipsis() {
        Notification n = text("api", "cli", "x".repeat(1000));
        assertTrue(n.body().endsWith("…"));
        assertEquals(
                NotificationText.MAX_LINE,
                n.body().substring("From cli: ".length()).length());
    }

    @Test
    void a_missing_folder_falls_back_to_the_session_id() {
        assertEquals("Task waiting in abcd1234", text("", "cli", "x").summary());
    }
}
