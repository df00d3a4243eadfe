package dev.claudemesh.gui.tray;

import dev.claudemesh.gui.tray.SniTypes.ItemProperties;
import dev.claudemesh.gui.tray.SniTypes.MenuEvent;
import dev.claudemesh.gui.tray.SniTypes.MenuLayout;
import dev.claudemesh.gui.tray.SniTypes.Reply2;
import java.util.List;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

/** {@code com.canonical.dbusmenu}: the menu a StatusNotifierItem host renders natively. */
@DBusInterfaceName("com.canonical.dbusmenu")
public interface DBusMenu extends DBusInterface {
    Reply2<UInt32, MenuLayout> GetLayout(int parentId, int recursionDepth, List<String> propertyNames);

    List<ItemProperties> GetGroupProperties(List<Integer> ids, List<String> propertyNames);

    Variant<?> GetProperty(int id, String name);

    void Event(int id, String eventId, Variant<?> data, UInt32 timestamp);

    List<Integer> EventGroup(List<MenuEvent> events);

    boolean AboutToShow(int id);

    Reply2<List<Integer>, List<Integer>> AboutToShowGroup(List<Integer> ids);

    class LayoutUpdated extends DBusSignal {
        public final UInt32 revision;
        public final int parent;

        public LayoutUpdated(String path, UInt32 revision, int parent) throws DBusException {
            super(path, revision, parent);
            this.revision = revision;
            this.parent = parent;
        }
    }
}
