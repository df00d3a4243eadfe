package dev.claudemesh.gui;

import dev.claudemesh.notify.Notification;
import dev.claudemesh.notify.Notifier;

/** A back-end chosen later: on Windows the hosted daemon notifies through the tray icon once it exists. */
final class DeferredNotifier implements Notifier {
    private volatile Notifier target = Notifier.NONE;

    void target(Notifier n) {
        target = n;
    }

    @Override
    public void show(Notification n) throws Exception {
        target.show(n);
    }

    @Override
    public String name() {
        return target.name();
    }
}
