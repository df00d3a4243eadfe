package dev.claudemesh.gui.tray;

import dev.claudemesh.gui.tray.SniTypes.Pixmap;
import dev.claudemesh.gui.tray.SniTypes.ToolTip;
import dev.claudemesh.notify.desktop.IconFiles;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.Variant;

/**
 * Our icon as {@code org.kde.StatusNotifierItem}. Named icons from a theme folder come first (GNOME and
 * Plasma scale them crisply), pixmaps of every small size second (hosts without our theme folder).
 */
final class SniItem implements StatusNotifierItem, Properties {
    static final String PATH = "/StatusNotifierItem";
    static final String IFACE = "org.kde.StatusNotifierItem";

    private final String id;
    private final Path themeDir;
    private final Runnable onActivate;
    private final List<Pixmap> plain;
    private final List<Pixmap> waitingIcon;
    private volatile boolean waiting;
    private volatile String title = "claudemesh";
    private volatile String tooltip = "";

    SniItem(String id, Path themeDir, Runnable onActivate) {
        this.id = id;
        this.themeDir = themeDir;
        this.onActivate = onActivate;
        this.plain = TrayIcons.pixmaps(false);
        this.waitingIcon = TrayIcons.pixmaps(true);
    }

    void waiting(boolean w) {
        waiting = w;
    }

    void tooltip(String t, String text) {
        title = t;
        tooltip = text;
    }

    @Override
    public String getObjectPath() {
        return PATH;
    }

    @Override
    public void Activate(int x, int y) {
        onActivate.run();
    }

    @Override
    public void SecondaryActivate(int x, int y) {
        onActivate.run();
    }

    @Override
    public void ContextMenu(int x, int y) {
        // hosts show our dbusmenu themselves
    }

    @Override
    public void Scroll(int delta, String orientation) {}

    private Map<String, Variant<?>> props() {
        String iconName = themeDir == null ? "" : waiting ? IconFiles.WAITING : IconFiles.NAME;
        Map<String, Variant<?>> m = new LinkedHashMap<>();
        m.put("Category", new Variant<>("Communications"));
        m.put("Id", new Variant<>(id));
        m.put("Title", new Variant<>(title));
        m.put("Status", new Variant<>("Active"));
        m.put("WindowId", new Variant<>(0));
        m.put("IconName", new Variant<>(iconName));
        m.put("IconThemePath", new Variant<>(themeDir == null ? "" : themeDir.toString()));
        m.put("IconPixmap", new Variant<>(waiting ? waitingIcon : plain, "a(iiay)"));
        m.put("OverlayIconName", new Variant<>(""));
        m.put("AttentionIconName", new Variant<>(""));
        m.put("AttentionMovieName", new Variant<>(""));
        m.put("ToolTip", new Variant<>(new ToolTip(iconName, List.of(), title, tooltip), "(sa(iiay)ss)"));
        m.put("ItemIsMenu", new Variant<>(false));
        m.put("Menu", new Variant<>(new DBusPath(SniMenu.PATH)));
        return m;
    }

    @SuppressWarnings("unchecked")
    @Override
    public <A> A Get(String iface, String name) {
        return (A) props().get(name);
    }

    @Override
    public <A> void Set(String iface, String name, A value) {}

    @Override
    public Map<String, Variant<?>> GetAll(String iface) {
        return IFACE.equals(iface) ? props() : Map.of();
    }
}
