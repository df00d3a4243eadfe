package dev.claudemesh.notify.desktop;

import dev.claudemesh.notify.Notification;
import dev.claudemesh.notify.NotificationText;
import dev.claudemesh.notify.Notifier;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Linux desktop notifications over the session bus (dbus-java, no JNA, no notify-send). Each bubble has a
 * {@code default} action, so a click on it calls {@code onOpen} with the session's id. A session has at
 * most one bubble: a newer task replaces the older one.
 */
public final class DbusNotifier implements Notifier {
    private static final Logger LOG = LoggerFactory.getLogger(DbusNotifier.class);
    static final String BUS_NAME = "org.freedesktop.Notifications";
    static final String PATH = "/org/freedesktop/Notifications";

    private final DBusConnection conn;
    private final Notifications remote;
    private final Consumer<String> onOpen;
    private final String appIcon;
    private final Map<Long, String> sessionByBubble = new LinkedHashMap<>();
    private final Map<String, Long> bubbleBySession = new HashMap<>();
    private volatile Boolean markup;

    private DbusNotifier(DBusConnection conn, Consumer<String> onOpen, String appIcon) throws Exception {
        this.conn = conn;
        this.onOpen = onOpen;
        this.appIcon = appIcon;
        this.remote = conn.getRemoteObject(BUS_NAME, PATH, Notifications.class);
        conn.addSigHandler(Notifications.ActionInvoked.class, s -> clicked(s.id.longValue(), s.actionKey));
        conn.addSigHandler(Notifications.NotificationClosed.class, s -> forget(s.id.longValue()));
    }

    /** A notifier on this environment's session bus, or empty when there is none. */
    public static Optional<DbusNotifier> connect(Map<String, String> env, Consumer<String> onOpen, Path appIcon) {
        String address = env.get("DBUS_SESSION_BUS_ADDRESS");
        if (address == null || address.isBlank()) {
            return Optional.empty();
        }
        try {
            DBusConnection c =
                    DBusConnectionBuilder.forAddress(address).withShared(false).build();
            return Optional.of(new DbusNotifier(c, onOpen, appIcon == null ? "" : appIcon.toString()));
        } catch (Exception e) {
            LOG.warn("no desktop notifications: cannot reach the session bus: {}", e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public void show(Notification n) {
        Map<String, Variant<?>> hints = new HashMap<>();
        hints.put("urgency", new Variant<>((byte) 1));
        hints.put("category", new Variant<>("im.received"));
        hints.put("desktop-entry", new Variant<>("claudemesh-tray"));
        String body = markup() ? NotificationText.escapeMarkup(n.body()) : n.body();
        long replaces;
        synchronized (this) {
            replaces = bubbleBySession.getOrDefault(n.sessionId(), 0L);
        }
        UInt32 id = remote.Notify(
                "claudemesh",
                new UInt32(replaces),
                appIcon,
                n.summary(),
                body,
                new String[] {"default", "Open"},
                hints,
                0);
        synchronized (this) {
            sessionByBubble.remove(replaces);
            sessionByBubble.put(id.longValue(), n.sessionId());
            bubbleBySession.put(n.sessionId(), id.longValue());
            while (sessionByBubble.size() > 256) {
                Long oldest = sessionByBubble.keySet().iterator().next();
                bubbleBySession.remove(sessionByBubble.remove(oldest));
            }
        }
    }

    private boolean markup() {
        Boolean m = markup;
        if (m == null) {
            try {
                m = List.of(remote.GetCapabilities()).contains("body-markup");
            } catch (RuntimeException e) {
                m = true; // escaping is the safe side
            }
            markup = m;
        }
        return m;
    }

    private void clicked(long bubble, String action) {
        String session;
        synchronized (this) {
            session = sessionByBubble.get(bubble);
        }
        if (session == null) {
            return;
        }
        try {
            remote.CloseNotification(new UInt32(bubble));
        } catch (RuntimeException e) {
            LOG.debug("closing notification {} failed: {}", bubble, e.toString());
        }
        forget(bubble);
        try {
            onOpen.accept(session);
        } catch (RuntimeException e) {
            LOG.warn("opening session {} from a notification failed: {}", session, e.toString());
        }
    }

    private synchronized void forget(long bubble) {
        String session = sessionByBubble.remove(bubble);
        if (session != null) {
            bubbleBySession.remove(session, bubble);
        }
    }

    @Override
    public String name() {
        return "dbus";
    }

    @Override
    public void close() {
        try {
            conn.close();
        } catch (Exception e) {
            LOG.debug("closing the session bus connection: {}", e.toString());
        }
    }
}
