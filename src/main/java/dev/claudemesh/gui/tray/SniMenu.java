package dev.claudemesh.gui.tray;

import dev.claudemesh.gui.tray.SniTypes.ItemProperties;
import dev.claudemesh.gui.tray.SniTypes.MenuEvent;
import dev.claudemesh.gui.tray.SniTypes.MenuLayout;
import dev.claudemesh.gui.tray.SniTypes.Reply2;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

/**
 * Our menu as {@code com.canonical.dbusmenu}: a flat list under the root (id 0). Each row keeps one id for as
 * long as its key lives, and an id is never given to another row (libdbusmenu keeps properties such as a
 * checkmark per id). The host asks for the layout after each {@code LayoutUpdated}; clicks come back as
 * {@code Event(id, "clicked")} on a dbus-java worker thread and are handed to {@code run}.
 */
final class SniMenu implements DBusMenu, Properties {
    static final String PATH = "/MenuBar";
    static final String IFACE = "com.canonical.dbusmenu";

    private final Consumer<Runnable> run;
    private final Map<String, Integer> ids = new HashMap<>();
    private volatile Snapshot menu = new Snapshot(List.of(), new LinkedHashMap<>());
    private volatile int revision = 1;

    /** The rows in order, by their ids. */
    private record Snapshot(List<Integer> order, Map<Integer, TrayMenuItem> byId) {}

    SniMenu(Consumer<Runnable> run) {
        this.run = run;
    }

    /** Takes a new menu and returns its revision for the {@code LayoutUpdated} signal. */
    synchronized int replace(List<TrayMenuItem> newItems) {
        List<Integer> order = new ArrayList<>();
        Map<Integer, TrayMenuItem> byId = new LinkedHashMap<>();
        for (TrayMenuItem it : newItems) {
            int id = ids.computeIfAbsent(it.key(), k -> ids.size() + 1);
            order.add(id);
            byId.put(id, it);
        }
        menu = new Snapshot(List.copyOf(order), byId);
        return ++revision;
    }

    @Override
    public String getObjectPath() {
        return PATH;
    }

    /** GTK and Qt read '_' as a mnemonic marker; a folder such as my_app must keep its underscore. */
    static String label(String text) {
        return text.replace("_", "__");
    }

    private static Map<String, Variant<?>> itemProps(Snapshot m, int menuId) {
        Map<String, Variant<?>> p = new HashMap<>();
        if (menuId == 0) {
            p.put("children-display", new Variant<>("submenu"));
            return p;
        }
        TrayMenuItem it = m.byId().get(menuId);
        if (it == null) {
            return p;
        }
        if (it.isSeparator()) {
            p.put("type", new Variant<>("separator"));
            return p;
        }
        p.put("label", new Variant<>(label(it.label())));
        p.put("enabled", new Variant<>(it.enabled()));
        p.put("visible", new Variant<>(true));
        if (it.checked() != null) {
            p.put("toggle-type", new Variant<>("checkmark"));
            p.put("toggle-state", new Variant<>(it.checked() ? 1 : 0));
        }
        return p;
    }

    @Override
    public Reply2<UInt32, MenuLayout> GetLayout(int parentId, int depth, List<String> names) {
        Snapshot m = menu;
        List<Variant<?>> children = new ArrayList<>();
        if (parentId == 0 && depth != 0) {
            for (int id : m.order()) {
                children.add(new Variant<>(new MenuLayout(id, itemProps(m, id), List.of()), "(ia{sv}av)"));
            }
        }
        return new Reply2<>(new UInt32(revision), new MenuLayout(parentId, itemProps(m, parentId), children));
    }

    @Override
    public List<ItemProperties> GetGroupProperties(List<Integer> wanted, List<String> names) {
        Snapshot m = menu;
        List<ItemProperties> out = new ArrayList<>();
        List<Integer> all = new ArrayList<>(wanted);
        if (all.isEmpty()) {
            all.add(0);
            all.addAll(m.order());
        }
        for (int i : all) {
            if (i == 0 || m.byId().containsKey(i)) {
                out.add(new ItemProperties(i, itemProps(m, i)));
            }
        }
        return out;
    }

    @Override
    public Variant<?> GetProperty(int menuId, String name) {
        return itemProps(menu, menuId).get(name);
    }

    @Override
    public void Event(int menuId, String eventId, Variant<?> data, UInt32 timestamp) {
        TrayMenuItem it = menu.byId().get(menuId);
        if ("clicked".equals(eventId) && it != null) {
            if (it.enabled() && it.action() != null) {
                run.accept(it.action());
            }
        }
    }

    @Override
    public List<Integer> EventGroup(List<MenuEvent> events) {
        for (MenuEvent e : events) {
            Event(e.id, e.eventId, e.data, e.timestamp);
        }
        return List.of();
    }

    @Override
    public boolean AboutToShow(int menuId) {
        return false;
    }

    @Override
    public Reply2<List<Integer>, List<Integer>> AboutToShowGroup(List<Integer> ids) {
        return new Reply2<>(List.of(), List.of());
    }

    private Map<String, Variant<?>> menuProps() {
        Map<String, Variant<?>> m = new HashMap<>();
        m.put("Version", new Variant<>(new UInt32(3)));
        m.put("TextDirection", new Variant<>("ltr"));
        m.put("Status", new Variant<>("normal"));
        m.put("IconThemePath", new Variant<>(new String[0]));
        return m;
    }

    @SuppressWarnings("unchecked")
    @Override
    public <A> A Get(String iface, String name) {
        return (A) menuProps().get(name);
    }

    @Override
    public <A> void Set(String iface, String name, A value) {}

    @Override
    public Map<String, Variant<?>> GetAll(String iface) {
        return IFACE.equals(iface) ? menuProps() : Map.of();
    }
}
