package dev.claudemesh.notify;

/** A desktop notification back-end (D-Bus, osascript, a tray icon's message). */
public interface Notifier extends AutoCloseable {
    /** Shows the notification; failures are thrown so the caller can log them once. */
    void show(Notification n) throws Exception;

    /** A short name for logs: {@code dbus}, {@code osascript}, {@code tray}, {@code none}. */
    String name();

    @Override
    default void close() {}

    /** The back-end of a process that shows nothing (tests, no desktop). */
    Notifier NONE = new Notifier() {
        @Override
        public void show(Notification n) {}

        @Override
        public String name() {
            return "none";
        }
    };
}
