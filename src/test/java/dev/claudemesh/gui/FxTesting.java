package dev.claudemesh.gui;

import dev.claudemesh.support.TestDaemon;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** Helpers for JavaFX tests: the headless toolkit, reads on the FX thread, services for a test daemon. */
public final class FxTesting {
    private FxTesting() {}

    public static void startToolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    /** Runs {@code c} on the JavaFX thread and returns what it returns. */
    public static <T> T onFx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(30, TimeUnit.SECONDS);
    }

    public static void runFx(Runnable r) throws Exception {
        onFx(() -> {
            r.run();
            return null;
        });
    }

    public static GuiServices services(TestDaemon d, java.nio.file.Path claudeConfigDir) {
        return GuiServices.forHome(d.home, claudeConfigDir);
    }

    public static Duration shortPoll() {
        return Duration.ofSeconds(5);
    }
}
