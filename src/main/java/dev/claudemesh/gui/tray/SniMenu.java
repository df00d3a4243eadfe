package dev.claudemesh.gui.tray;

import dev.claudemesh.gui.tray.SniTypes.ItemProperties;
import dev.claudemesh.gui.tray.SniTypes.MenuEvent;
import dev.claudemesh.gui.tray.SniTypes.MenuLayout;
import dev.claudemesh.gui.tray.SniTypes.Reply2;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

/**
 * Our menu as {@code com.canonical.dbusmenu}: a flat list under the root (id 0), item i having id i. The
 * host asks for the layout after each {@code LayoutUpdated}; clicks come back as {@code Event(id, "clicked")}
 * on a dbus-java worker thread and are handed to {@code run}.
 */
final class SniMenu implements DBusMenu, Properties {
    static final String PATH = "/MenuBar";
    static final String IFACE = "com.canonical.dbusmenu";

    private final Consumer<Runnable> run;
    private volatile List<TrayMenuItem> items = List.of();
    private volatile int revision = 1;

    SniMenu(Consumer<Runnable> run) {
        this.run = run;
    }

    /** Takes a new menu and returns its revision for the {@code LayoutUpdated} signal. */
    synchronized int replace(List<TrayMenuItem> newItems) {
        items = List.copyOf(newItems);
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

    private Map<String, Variant<?>> itemProps(List<TrayMenuItem> list, int menuId) {
        Map<String, Variant<?>> p = new HashMap<>();
        if (menuId == 0) {
            p.put("children-display", new Variant<>("submenu"));
            return p;
        }
        TrayMenuItem it = list.get(menuId - 1);
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
        List<TrayMenuItem> list = items;
        List<Variant<?>> children = new ArrayList<>();
        if (parentId == 0 && depth != 0) {
            for (int i = 1; i <= list.size(); i++) {
                children.add(new Variant<>(new MenuLayout(i, itemProps(list, i), List.of()), "(ia{sv}av)"));
            }
        }
        Map<String, Variant<?>> props = parentId >= 0 && parentId <= list.size() ? itemProps(list, parentId) : Map.of();
        return new Reply2<>(new UInt32(revision), new MenuLayout(parentId, props, children));
    }

    @Override
    public List<ItemProperties> GetGroupProperties(List<Integer> ids, List<String> names) {
        List<TrayMenuItem> list = items;
        List<ItemProperties> out = new ArrayList<>();
        List<Integer> all = new ArrayList<>(ids);
        if (all.isEmpty()) {
            for (int i = 0; i <= list.size(); i++) {
                all.add(i);
            }
        }
        for (int i : all) {
            if (i >= 0 && i <= list.size()) {
                out.add(new ItemProperties(i, itemProps(list, i)));
            }
        }
        return out;
    }

    @Override
    public Variant<?> GetProperty(int menuId, String name) {
        List<TrayMenuItem> list = items;
        return menuId >= 0 && menuId <= list.size() ? itemProps(list, menuId).get(name) : null;
    }

    @Override
    public void Event(int menuId, String eventId, Variant<?> data, UInt32 timestamp) {
        List<TrayMenuItem> list = items;
        if ("clicked".equals(eventId) && menuId >= 1 && menuId <= list.size()) {
            TrayMenuItem it = list.get(menuId - 1);
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
