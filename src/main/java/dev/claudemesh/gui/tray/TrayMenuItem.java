package dev.claudemesh.gui.tray;

import java.util.Objects;

/**
 * One row of the tray menu, the same for every tray kind. A null label is a separator; a non-null
 * {@code checked} makes a check item. {@code key} names the row across menu updates (a session's row keeps its
 * key while its label changes): D-Bus menu hosts keep per-item state by id, so an id is never reused for
 * another row.
 */
public record TrayMenuItem(String key, String label, boolean enabled, Boolean checked, Runnable action) {
    public TrayMenuItem {
        Objects.requireNonNull(key, "key");
    }

    public static TrayMenuItem separator(String key) {
        return new TrayMenuItem("separator:" + key, null, false, null, null);
    }

    public static TrayMenuItem action(String key, String label, Runnable action) {
        return new TrayMenuItem(key, label, true, null, action);
    }

    public static TrayMenuItem check(String key, String label, boolean checked, Runnable action) {
        return new TrayMenuItem(key, label, true, checked, action);
    }

    public static TrayMenuItem disabled(String key, String label) {
        return new TrayMenuItem(key, label, false, null, null);
    }

    public boolean isSeparator() {
        return label == null;
    }
}
