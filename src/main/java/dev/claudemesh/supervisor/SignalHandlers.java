package dev.claudemesh.supervisor;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jline.utils.Signals;

/**
 * Signal handlers installed for one supervisor run and put back afterwards. Goes through JLine's wrapper around
 * {@code sun.misc.Signal}, which skips (and logs) signals the JVM reserves.
 */
final class SignalHandlers implements AutoCloseable {
    private final Map<String, Object> previous = new LinkedHashMap<>();

    synchronized void handle(String name, Runnable handler) {
        Object old = Signals.register(name, handler);
        previous.putIfAbsent(name, old);
    }

    /** Puts back the handlers found before. */
    @Override
    public synchronized void close() {
        previous.forEach((name, old) -> {
            if (old != null) {
                Signals.unregister(name, old);
            }
        });
        previous.clear();
    }
}
