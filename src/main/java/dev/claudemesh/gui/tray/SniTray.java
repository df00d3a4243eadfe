package dev.claudemesh.gui.tray;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.interfaces.DBus;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.UInt32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tray icon over the StatusNotifierItem protocol (KDE Plasma, GNOME with the AppIndicator extension,
 * XFCE, MATE, Cinnamon, LXQt, waybar; X11 or Wayland), on dbus-java: no AWT, no JNA. It registers with the
 * watcher now and again whenever a watcher (re)appears (a panel restart).
 */
public final class SniTray implements TrayHost {
    private static final Logger LOG = LoggerFactory.getLogger(SniTray.class);

    private final DBusConnection conn;
    private final String busName;
    private final SniItem item;
    private final SniMenu menu;
    private AutoCloseable ownerWatch;

    private SniTray(DBusConnection conn, Path themeDir, Runnable onActivate, Consumer<Runnable> run) throws Exception {
        this.conn = conn;
        this.busName = "org.kde.StatusNotifierItem-" + ProcessHandle.current().pid() + "-1";
        this.item = new SniItem("claudemesh", themeDir, () -> run.accept(onActivate));
        this.menu = new SniMenu(run);
        conn.requestBusName(busName);
        conn.exportObject(SniItem.PATH, item);
        conn.exportObject(SniMenu.PATH, menu);
    }

    /** True when a StatusNotifierWatcher owns its name on this session bus. */
    public static boolean watcherPresent(Map<String, String> env) {
        String address = env.get("DBUS_SESSION_BUS_ADDRESS");
        if (address == null || address.isBlank()) {
            return false;
        }
        try (DBusConnection c =
                DBusConnectionBuilder.forAddress(address).withShared(false).build()) {
            return c.getRemoteObject("org.freedesktop.DBus", "/org/freedesktop/DBus", DBus.class)
                    .NameHasOwner(StatusNotifierWatcher.BUS_NAME);
        } catch (Exception e) {
            return false;
        }
    }

    /**
     * Exports the item and registers it. {@code run} executes menu actions and activation (the app hops to
     * its UI thread there); dbus-java calls us on its own worker threads.
     */
    public static SniTray start(Map<String, String> env, Path themeDir, Runnable onActivate, Consumer<Runnable> run)
            throws Exception {
        DBusConnection c = DBusConnectionBuilder.forAddress(env.get("DBUS_SESSION_BUS_ADDRESS"))
                .withShared(false)
                .build();
        SniTray t = new SniTray(c, themeDir, onActivate, run);
        t.ownerWatch = c.addSigHandler(DBus.NameOwnerChanged.class, s -> {
            if (StatusNotifierWatcher.BUS_NAME.equals(s.name) && !s.newOwner.isEmpty()) {
                t.register();
            }
        });
        if (!t.register()) {
            LOG.warn("the StatusNotifierWatcher refused our item; waiting for it to come back");
        }
        return t;
    }

    private boolean register() {
        try {
            conn.getRemoteObject(
                            StatusNotifierWatcher.BUS_NAME, StatusNotifierWatcher.PATH, StatusNotifierWatcher.class)
                    .RegisterStatusNotifierItem(busName);
            return true;
        } catch (Exception e) {
            LOG.info("no StatusNotifierWatcher yet: {}", e.getMessage());
            return false;
        }
    }

    public String busName() {
        return busName;
    }

    @Override
    public void setMenu(List<TrayMenuItem> items) {
        int revision = menu.replace(items);
        send(() -> new DBusMenu.LayoutUpdated(SniMenu.PATH, new UInt32(revision), 0));
    }

    @Override
    public void setTooltip(String title, String text) {
        item.tooltip(title, text);
        send(() -> new StatusNotifierItem.NewToolTip(SniItem.PATH));
    }

    @Override
    public void setWaiting(boolean waiting) {
        item.waiting(waiting);
        send(() -> new StatusNotifierItem.NewIcon(SniItem.PATH));
    }

    @Override
    public String kind() {
        return "sni";
    }

    private interface SignalMaker {
        DBusSignal make() throws Exception;
    }

    private void send(SignalMaker s) {
        try {
            conn.sendMessage(s.make());
        } catch (Exception e) {
            LOG.warn("tray signal failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        try {
            if (ownerWatch != null) {
                ownerWatch.close();
            }
            conn.releaseBusName(busName);
        } catch (Exception e) {
            LOG.debug("releasing {}: {}", busName, e.toString());
        }
        try {
            conn.close();
        } catch (Exception e) {
            LOG.debug("closing the tray's bus connection: {}", e.toString());
        }
    }
}
