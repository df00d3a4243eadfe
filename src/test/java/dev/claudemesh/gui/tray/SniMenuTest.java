package dev.claudemesh.gui.tray;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudemesh.gui.tray.SniTypes.MenuLayout;
import java.util.ArrayList;
import java.util.List;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;
import org.junit.jupiter.api.Test;

/** The dbusmenu object as a host reads it (the live D-Bus path is covered by TrayDesktopIT). */
class SniMenuTest {
    final List<String> ran = new ArrayList<>();
    final SniMenu menu = new SniMenu(Runnable::run);

    @Test
    void the_layout_lists_every_item_with_underscores_kept_for_gtk() {
        int rev = menu.replace(List.of(
                TrayMenuItem.action("session:aaaa1111", "my_app · aaaa1111 · idle · ✉1", () -> ran.add("row")),
                TrayMenuItem.separator("s"),
                TrayMenuItem.check("notify", "Notifications", true, () -> ran.add("toggle"))));
        var reply = menu.GetLayout(0, -1, List.of());
        assertThat(reply.a.longValue()).isEqualTo(rev);
        List<MenuLayout> children = new ArrayList<>();
        for (Variant<?> v : reply.b.children) {
            children.add((MenuLayout) v.getValue());
        }
        assertThat(children).extracting(c -> c.id).containsExactly(1, 2, 3);
        assertThat(children.get(0).properties.get("label").getValue()).isEqualTo("my__app · aaaa1111 · idle · ✉1");
        assertThat(children.get(1).properties.get("type").getValue()).isEqualTo("separator");
        assertThat(children.get(2).properties.get("toggle-state").getValue()).isEqualTo(1);
    }

    @Test
    void a_click_event_runs_that_items_action_and_nothing_else() {
        menu.replace(List.of(
                TrayMenuItem.action("a", "a", () -> ran.add("a")),
                TrayMenuItem.disabled("b", "b"),
                TrayMenuItem.action("c", "c", () -> ran.add("c"))));
        menu.Event(3, "clicked", new Variant<>(0), new UInt32(0));
        menu.Event(2, "clicked", new Variant<>(0), new UInt32(0));
        menu.Event(1, "hovered", new Variant<>(0), new UInt32(0));
        menu.Event(99, "clicked", new Variant<>(0), new UInt32(0));
        assertThat(ran).containsExactly("c");
    }

    @Test
    void a_row_keeps_its_id_across_updates_and_no_id_is_given_to_another_row() {
        menu.replace(List.of(
                TrayMenuItem.disabled("none", "No live sessions"),
                TrayMenuItem.check("notify", "Notifications", true, () -> ran.add("toggle"))));
        menu.replace(List.of(
                TrayMenuItem.action("session:aaaa1111", "api", () -> ran.add("api")),
                TrayMenuItem.action("new", "New session…", () -> ran.add("new")),
                TrayMenuItem.check("notify", "Notifications", false, () -> ran.add("toggle"))));
        List<MenuLayout> rows = new ArrayList<>();
        for (Variant<?> v : menu.GetLayout(0, -1, List.of()).b.children) {
            rows.add((MenuLayout) v.getValue());
        }
        assertThat(rows).extracting(r -> r.id).containsExactly(3, 4, 2);
        assertThat(rows.get(1).properties).doesNotContainKey("toggle-type");
        assertThat(rows.get(2).properties.get("toggle-state").getValue()).isEqualTo(0);
        menu.Event(1, "clicked", new Variant<>(0), new UInt32(0));
        menu.Event(2, "clicked", new Variant<>(0), new UInt32(0));
        assertThat(ran).containsExactly("toggle");
    }
}
