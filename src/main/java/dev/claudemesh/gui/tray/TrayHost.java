package dev.claudemesh.gui.tray;

import java.util.List;

/** A tray icon with its menu, whatever draws it (a StatusNotifierItem host, an XEmbed tray). */
public interface TrayHost extends AutoCloseable {
    /** Replaces the menu; any thread. */
    void setMenu(List<TrayMenuItem> items);

    /** Replaces the tooltip: a title line and a longer text. */
    void setTooltip(String title, String text);

    /** Switches between the plain icon and the one that shows waiting work. */
    void setWaiting(boolean waiting);

    /** {@code sni} or {@code awt}. */
    String kind();

    @Override
    void close();
}
