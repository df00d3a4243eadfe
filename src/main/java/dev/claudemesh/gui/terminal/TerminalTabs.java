package dev.claudemesh.gui.terminal;

import dev.claudemesh.gui.GuiServices;
import dev.claudemesh.supervisor.NativeLibraries;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javafx.scene.control.TabPane;

/**
 * The window's terminal tabs: starts {@code claudemesh run ARGS} sessions, ends one when its tab closes, and ends all
 * of them when the app quits ({@link #closeAll}, or a JVM shutdown hook as the last resort) so none is orphaned.
 */
public final class TerminalTabs {
    private final GuiServices services;
    private final TabPane tabs;
    private final SessionLauncher launcher;
    private final Map<String, String> env;
    private final List<TerminalTab> open = new ArrayList<>();
    private final Thread shutdownHook = new Thread(this::endAllNow, "claudemesh-gui-terminals");
    private boolean hooked;

    /** @param extraEnv added to this process's environment for every session (e.g. CLAUDEMESH_CLAUDE_BIN) */
    public TerminalTabs(GuiServices services, TabPane tabs, SessionLauncher launcher, Map<String, String> extraEnv) {
        this.services = services;
        this.tabs = tabs;
        this.launcher = launcher;
        this.env = new HashMap<>(System.getenv());
        this.env.putAll(extraEnv);
        this.env.put("CLAUDEMESH_HOME", services.home().dir().toString());
        // one stable folder for pty4j's native library instead of a new temp folder per start
        NativeLibraries.prepare(services.home().dir().resolve("cache").resolve("native"));
    }

    /** Runs {@code claudemesh run claudeArgs} in {@code folder} in a new, selected tab. JavaFX thread. */
    public TerminalTab open(Path folder, List<String> claudeArgs) throws IOException {
        return openCommand(
                folder,
                launcher.command(claudeArgs),
                folder.getFileName() == null ? "/" : folder.getFileName().toString());
    }

    /** Any program in a tab (the recipe's bash test; claudemesh sessions go through {@link #open}). */
    public TerminalTab openCommand(Path folder, List<String> command, String title) throws IOException {
        TerminalTab t = TerminalTab.start(folder, command, env, title);
        synchronized (open) {
            open.add(t);
            if (!hooked) {
                Runtime.getRuntime().addShutdownHook(shutdownHook);
                hooked = true;
            }
        }
        t.tab().setOnClosed(e -> close(t));
        tabs.getTabs().add(t.tab());
        tabs.getSelectionModel().select(t.tab());
        t.widget().getPreferredFocusableNode().requestFocus();
        return t;
    }

    /** Ends a tab's program off the JavaFX thread; the returned future completes when it is gone. */
    public CompletableFuture<Integer> close(TerminalTab t) {
        tabs.getTabs().remove(t.tab());
        return CompletableFuture.supplyAsync(t::end, services.background()).whenComplete((code, err) -> {
            synchronized (open) {
                open.remove(t);
            }
            javafx.application.Platform.runLater(t::dispose);
        });
    }

    public List<TerminalTab> open() {
        synchronized (open) {
            return List.copyOf(open);
        }
    }

    /** Ends every session gracefully (in parallel) and waits; call on quit. Any thread. */
    public void closeAll() {
        List<CompletableFuture<Integer>> all = new ArrayList<>();
        for (TerminalTab t : open()) {
            all.add(CompletableFuture.supplyAsync(t::end));
        }
        all.forEach(CompletableFuture::join);
        synchronized (open) {
            open.clear();
            if (hooked) {
                try {
                    Runtime.getRuntime().removeShutdownHook(shutdownHook);
                } catch (IllegalStateException alreadyShuttingDown) {
                    // the hook is running or ran
                }
                hooked = false;
            }
        }
    }

    private void endAllNow() {
        open().parallelStream().forEach(TerminalTab::end);
    }
}
