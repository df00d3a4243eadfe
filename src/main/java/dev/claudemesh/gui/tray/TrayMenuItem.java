package dev.claudemesh.gui.tray;

/**
 * One row of the tray menu, the same for every tray kind. A null label is a separator; a non-null
 * {@code checked} makes a check item.
 */
public record TrayMenuItem(String label, boolean enabled, Boolean checked, Runnable action) {
    public static TrayMenuItem separator() {
        return new TrayMenuItem(null, false, null, null);
    }

    public static TrayMenuItem action(String label, Runnable action) {
        return new TrayMenuItem(label, true, null, action);
    }

    public static TrayMenuItem check(String label, boolean checked, Runnable action) {
        return new TrayMenuItem(label, true, checked, action);
    }

    public static TrayMenuItem disabled(String label) {
        return new TrayMenuItem(label, false, null, null);
    }

    public boolean isSeparator() {
        return label == null;
    }
}
