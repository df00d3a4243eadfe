package dev.claudemesh.gui.tray;

import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.Struct;
import org.freedesktop.dbus.Tuple;
import org.freedesktop.dbus.annotations.Position;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

/** D-Bus structs of StatusNotifierItem and com.canonical.dbusmenu. */
public final class SniTypes {
    private SniTypes() {}

    /** (iiay): width, height, ARGB32 pixels in network byte order. */
    public static final class Pixmap extends Struct {
        @Position(0)
        public final int width;

        @Position(1)
        public final int height;

        @Position(2)
        public final byte[] data;

        public Pixmap(int width, int height, byte[] data) {
            this.width = width;
            this.height = height;
            this.data = data;
        }
    }

    /** (sa(iiay)ss): icon name, icon pixmaps, title, description. */
    public static final class ToolTip extends Struct {
        @Position(0)
        public final String iconName;

        @Position(1)
        public final List<Pixmap> pixmaps;

        @Position(2)
        public final String title;

        @Position(3)
        public final String text;

        public ToolTip(String iconName, List<Pixmap> pixmaps, String title, String text) {
            this.iconName = iconName;
            this.pixmaps = pixmaps;
            this.title = title;
            this.text = text;
        }
    }

    /** (ia{sv}av): one dbusmenu node; children are variants holding the same struct. */
    public static final class MenuLayout extends Struct {
        @Position(0)
        public final int id;

        @Position(1)
        public final Map<String, Variant<?>> properties;

        @Position(2)
        public final List<Variant<?>> children;

        public MenuLayout(int id, Map<String, Variant<?>> properties, List<Variant<?>> children) {
            this.id = id;
            this.properties = properties;
            this.children = children;
        }
    }

    /** (ia{sv}) */
    public static final class ItemProperties extends Struct {
        @Position(0)
        public final int id;

        @Position(1)
        public final Map<String, Variant<?>> properties;

        public ItemProperties(int id, Map<String, Variant<?>> properties) {
            this.id = id;
            this.properties = properties;
        }
    }

    /** (isvu) for EventGroup. */
    public static final class MenuEvent extends Struct {
        @Position(0)
        public final int id;

        @Position(1)
        public final String eventId;

        @Position(2)
        public final Variant<?> data;

        @Position(3)
        public final UInt32 timestamp;

        public MenuEvent(int id, String eventId, Variant<?> data, UInt32 timestamp) {
            this.id = id;
            this.eventId = eventId;
            this.data = data;
            this.timestamp = timestamp;
        }
    }

    /** Two out-arguments; dbus-java derives the signature from the type arguments, so it must be generic. */
    public static final class Reply2<A, B> extends Tuple {
        @Position(0)
        public final A a;

        @Position(1)
        public final B b;

        public Reply2(A a, B b) {
            this.a = a;
            this.b = b;
        }
    }
}
