package dev.claudemesh.gui;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Carries requests that arrive before the window exists (a notification click, a second {@code claudemesh
 * tray}) to the app once it is up: they are kept and replayed when the target is set.
 */
final class ClickRouter {
    private Consumer<String> target;
    private final List<String> early = new ArrayList<>();

    /** {@code sessionId} null means: just bring the window forward. */
    synchronized void open(String sessionId) {
        if (target == null) {
            early.add(sessionId);
            return;
        }
        target.accept(sessionId);
    }

    synchronized void target(Consumer<String> t) {
        target = t;
        early.forEach(t);
        early.clear();
    }
}
