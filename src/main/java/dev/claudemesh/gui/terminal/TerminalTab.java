package dev.claudemesh.gui.terminal;

import com.pty4j.PtyProcess;
import com.pty4j.PtyProcessBuilder;
import com.techsenger.jeditermfx.core.model.TerminalTextBuffer;
import com.techsenger.jeditermfx.ui.JediTermFxWidget;
import com.techsenger.jeditermfx.ui.settings.DefaultSettingsProvider;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.control.Tab;
import javafx.scene.control.Tooltip;

/**
 * One program in a pseudo-terminal shown in a tab: a real terminal (xterm-256color, colours, the pty follows the
 * widget's size). Ending it is graceful: SIGTERM to the program (the claudemesh supervisor passes it on to claude,
 * which ends its session as on exit), a grace period, then SIGKILL to whatever of its process tree is left, so
 * nothing is orphaned.
 */
public final class TerminalTab {
    public static final Duration GRACE = Duration.ofSeconds(8);

    private final PtyProcess process;
    private final JediTermFxWidget widget;
    private final Tab tab;
    private final CompletableFuture<Integer> ended = new CompletableFuture<>();
    private volatile boolean ending;

    private TerminalTab(PtyProcess process, JediTermFxWidget widget, Tab tab) {
        this.process = process;
        this.widget = widget;
        this.tab = tab;
    }

    /** Starts {@code command} in {@code folder} with the environment {@code env} plus TERM. JavaFX thread. */
    public static TerminalTab start(Path folder, List<String> command, Map<String, String> env, String title)
            throws IOException {
        Map<String, String> e = new HashMap<>(env);
        e.put("TERM", "xterm-256color");
        e.putIfAbsent("COLORTERM", "truecolor");
        PtyProcess p = new PtyProcessBuilder(command.toArray(String[]::new))
                .setDirectory(folder.toString())
                .setEnvironment(e)
                .setInitialColumns(120)
                .setInitialRows(32)
                .start();
        JediTermFxWidget w = new JediTermFxWidget(120, 32, new DefaultSettingsProvider());
        w.setTtyConnector(new TerminalConnector(p, title));
        w.start();
        Tab tab = new Tab(title, w.getPane());
        tab.setTooltip(new Tooltip(folder.toString()));
        TerminalTab t = new TerminalTab(p, w, tab);
        p.onExit().thenAccept(h -> t.exited());
        return t;
    }

    public Tab tab() {
        return tab;
    }

    public JediTermFxWidget widget() {
        return widget;
    }

    public PtyProcess process() {
        return process;
    }

    /** Completes with the program's exit code once it has exited. */
    public CompletableFuture<Integer> ended() {
        return ended;
    }

    /** The text now on the terminal's screen (for tests and diagnostics). */
    public String screenText() {
        TerminalTextBuffer b = widget.getTerminalTextBuffer();
        b.lock();
        try {
            return b.getScreenLines();
        } finally {
            b.unlock();
        }
    }

    /** Ends the program gracefully, then by force after {@link #GRACE}; blocks until it is gone. Any thread. */
    public int end() {
        ending = true;
        ProcessHandle h = process.toHandle();
        List<ProcessHandle> tree = h.descendants().toList();
        if (h.isAlive()) {
            h.destroy(); // SIGTERM: the supervisor passes it on to claude and waits for it
        }
        if (!waitFor(h, GRACE)) {
            tree = h.descendants().toList();
            tree.forEach(ProcessHandle::destroyForcibly);
            h.destroyForcibly();
            waitFor(h, Duration.ofSeconds(5));
        }
        for (ProcessHandle child : tree) { // what the program left behind
            if (child.isAlive()) {
                child.destroy();
                if (!waitFor(child, Duration.ofSeconds(2))) {
                    child.destroyForcibly();
                }
            }
        }
        try {
            return ended.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            return -1;
        }
    }

    private void exited() {
        int code;
        try {
            code = process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            code = -1;
        }
        int exit = code;
        ended.complete(exit);
        Platform.runLater(() -> {
            if (!ending) {
                tab.setText(tab.getText() + " (exited " + exit + ")");
            }
        });
    }

    /** Releases the widget (JavaFX thread), after the program ended. */
    public void dispose() {
        widget.close();
    }

    private static boolean waitFor(ProcessHandle h, Duration d) {
        try {
            h.onExit().get(d.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception e) {
            return !h.isAlive();
        }
    }
}
