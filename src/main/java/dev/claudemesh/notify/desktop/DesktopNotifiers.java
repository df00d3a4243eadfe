package dev.claudemesh.notify.desktop;

import dev.claudemesh.notify.Notifier;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Picks the notification back-end of this platform: the session bus on Linux and other freedesktop
 * systems, {@code osascript} on macOS. Windows has none without the tray app, which shows them as its
 * icon's message and hands its own back-end to the daemon it hosts.
 */
public final class DesktopNotifiers {
    private DesktopNotifiers() {}

    public static Notifier forPlatform(Map<String, String> env, Consumer<String> onOpen, Path appIcon) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("mac")) {
            return OsascriptNotifier.available() ? new OsascriptNotifier() : Notifier.NONE;
        }
        if (os.contains("win")) {
            return Notifier.NONE;
        }
        return DbusNotifier.connect(env, onOpen, appIcon).<Notifier>map(n -> n).orElse(Notifier.NONE);
    }
}
