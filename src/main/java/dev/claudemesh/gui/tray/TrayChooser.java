package dev.claudemesh.gui.tray;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the tray icon for this desktop: a StatusNotifierItem when a watcher is on the session bus (KDE,
 * GNOME with AppIndicator, XFCE, MATE, Cinnamon, LXQt, waybar), else AWT's XEmbed tray, else none, with a
 * sentence saying why for the window to show.
 */
public final class TrayChooser {
    private static final Logger LOG = LoggerFactory.getLogger(TrayChooser.class);

    /** The icon, or null with {@code whyNone} set. */
    public record Choice(TrayHost host, String whyNone) {}

    private TrayChooser() {}

    public static Choice choose(Map<String, String> env, Path themeDir, Runnable onActivate, Consumer<Runnable> run) {
        if (SniTray.watcherPresent(env)) {
            try {
                return new Choice(SniTray.start(env, themeDir, onActivate, run), null);
            } catch (Exception | LinkageError e) {
                LOG.warn("StatusNotifierItem tray failed ({}); trying the XEmbed tray", e.toString());
            }
        }
        if (AwtTray.supported()) {
            try {
                return new Choice(AwtTray.start(onActivate, run), null);
            } catch (Exception | LinkageError e) {
                LOG.warn("XEmbed tray failed: {}", e.toString());
                return new Choice(null, "The system tray refused the icon (" + e.getMessage() + ").");
            }
        }
        return new Choice(
                null,
                "No tray icon: this desktop has no StatusNotifierItem host (nothing owns"
                        + " org.kde.StatusNotifierWatcher on the session bus) and no XEmbed system tray. On GNOME,"
                        + " the AppIndicator extension adds one. claudemesh keeps running when you close this window;"
                        + " notifications still appear, and `claudemesh tray` brings the window back.");
    }
}
