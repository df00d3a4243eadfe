package dev.claudemesh.gui;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The X11 window class (WM_CLASS) of the app's windows: {@value #NAME}, the desktop entries' {@code
 * StartupWMClass}, so docks and task switchers group the window under claudemesh's icon instead of "java".
 * JavaFX's GTK glass takes the class from its application name, which it lets be set once while it is still the
 * default; there is no public API for it, so a JavaFX without that internal class keeps "java" (logged once).
 */
final class WindowClass {
    static final String NAME = "claudemesh";
    private static final Logger LOG = LoggerFactory.getLogger(WindowClass.class);

    private WindowClass() {}

    /** Call on the JavaFX thread before the first window is created. */
    static void apply() {
        try {
            com.sun.glass.ui.Application.GetApplication().setName(NAME);
        } catch (RuntimeException | LinkageError e) {
            LOG.info("window class stays JavaFX's default: {}", e.toString());
        }
    }
}
