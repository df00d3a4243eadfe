package dev.claudemesh.notify.desktop;

import dev.claudemesh.notify.Notification;
import dev.claudemesh.notify.Notifier;
import java.io.File;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * macOS notifications through {@code osascript display notification}. Notification Center gives scripts
 * no click callback, so a click there only brings Script Editor forward; the tray menu is the way back.
 */
public final class OsascriptNotifier implements Notifier {
    static final String OSASCRIPT = "/usr/bin/osascript";

    public static boolean available() {
        return new File(OSASCRIPT).canExecute();
    }

    @Override
    public void show(Notification n) throws Exception {
        Process p = new ProcessBuilder(List.of(OSASCRIPT, "-e", script(n)))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("osascript did not finish within 10 s");
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("osascript exited with " + p.exitValue());
        }
    }

    /** The AppleScript line; every text is a quoted AppleScript string, so nothing in it is code. */
    static String script(Notification n) {
        return "display notification " + quote(n.body()) + " with title \"claudemesh\" subtitle " + quote(n.summary());
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Override
    public String name() {
        return "osascript";
    }
}
