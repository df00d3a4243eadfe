package dev.claudemesh.gui.tray;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudemesh.gui.model.SessionRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrayMenuTest {
    final List<String> calls = new ArrayList<>();
    final TrayMenu.Actions actions = new TrayMenu.Actions(
            id -> calls.add("send " + id),
            () -> calls.add("open"),
            () -> calls.add("new"),
            () -> calls.add("toggle"),
            () -> calls.add("quit"));

    static SessionRow row(String id, String folder, boolean idle, int pending) {
        return new SessionRow(
                id, folder, "/w/" + folder, Instant.EPOCH, Instant.EPOCH, idle, false, false, pending, null);
    }

    @Test
    void every_live_session_is_a_row_then_the_app_actions_with_quit_last() {
        List<TrayMenuItem> items = TrayMenu.items(
                List.of(row("bbbb2222", "web", false, 0), row("aaaa1111", "api", true, 3)), true, actions);
        assertThat(items)
                .extracting(TrayMenuItem::label)
                .containsExactly(
                        "api · aaaa1111 · idle · ✉3",
                        "web · bbbb2222 · busy · ✉0",
                        null,
                        "Open window",
                        "New session…",
                        "Notifications",
                        null,
                        "Quit");
        assertThat(items.get(5).checked()).isTrue();
    }

    @Test
    void clicking_a_session_row_opens_the_send_dialog_for_that_session() {
        List<TrayMenuItem> items = TrayMenu.items(List.of(row("aaaa1111", "api", true, 0)), false, actions);
        items.get(0).action().run();
        items.get(items.size() - 1).action().run();
        assertThat(calls).containsExactly("send aaaa1111", "quit");
        assertThat(items.get(4).checked()).isFalse();
    }

    @Test
    void no_sessions_shows_a_disabled_row() {
        List<TrayMenuItem> items = TrayMenu.items(List.of(), true, actions);
        assertThat(items.get(0).label()).isEqualTo("No live sessions");
        assertThat(items.get(0).enabled()).isFalse();
    }

    @Test
    void the_tooltip_counts_sessions_and_waiting_messages() {
        List<SessionRow> s = List.of(row("aaaa1111", "api", true, 2), row("bbbb2222", "web", true, 0));
        assertThat(TrayMenu.title(s)).isEqualTo("claudemesh: 2 live sessions, 2 messages waiting");
        assertThat(TrayMenu.tooltip(s)).isEqualTo("api · aaaa1111: ✉2");
        assertThat(TrayMenu.title(List.of(row("aaaa1111", "api", true, 1))))
                .isEqualTo("claudemesh: 1 live session, 1 message waiting");
    }
}
