package dev.claudemesh.cli;

import dev.claudemesh.config.JvmFlags;
import dev.claudemesh.config.MeshConfig;
import dev.claudemesh.config.MeshHome;
import dev.claudemesh.gui.DesktopEntries;
import dev.claudemesh.gui.TrayInstance;
import dev.claudemesh.gui.TrayLauncher;
import dev.claudemesh.install.AppBundle;
import dev.claudemesh.install.RunningJar;
import dev.claudemesh.notify.desktop.TrayLink;
import dev.claudemesh.session.Ids;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "tray",
        description = {
            "Start the tray app: a tray icon listing the live sessions (click one to send it a task), a window with"
                    + " peers, inboxes, history and terminal tabs, and desktop notifications.",
            "It hosts the daemon when none runs (then quitting the app stops it). One tray app per user: running"
                    + " it again brings the window forward.",
        })
final class TrayCommand implements Callable<Integer> {
    private static final Duration FORWARD_WAIT = Duration.ofSeconds(10);

    @Mixin
    HelpOption help;

    private final CliContext ctx;

    @Option(
            names = "--autostart",
            paramLabel = "on|off",
            description = "Start the tray app when you log in (on), or no longer (off); writes or removes"
                    + " $XDG_CONFIG_HOME/autostart/" + DesktopEntries.AUTOSTART_FILE + ".")
    String autostart;

    @Option(names = "--show", description = "Open the window at start even when the tray icon is there.")
    boolean show;

    @Option(names = "--session", paramLabel = "ID", description = "Open the window at this session.")
    String session;

    TrayCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws Exception {
        if (autostart != null) {
            return autostart();
        }
        if (session != null) {
            Ids.requireClaudeId(session);
        }
        MeshHome home = ctx.home();
        MeshConfig config = MeshConfig.load(home, ctx.env());
        if (!hasDesktop()) {
            // never take the lock here: an app starting at this moment would see us as the running one and exit
            if (tellRunning(home).isPresent()) {
                return forwarded(home);
            }
            throw new CliMain.CliException(
                    "the tray app needs a graphical desktop, and neither DISPLAY nor WAYLAND_DISPLAY is set");
        }
        Optional<TrayInstance> mine = TrayInstance.acquire(home);
        if (mine.isEmpty()) {
            return forwardToRunning(home);
        }
        return TrayLauncher.run(ctx.env(), home, config, mine.get(), session, show);
    }

    /**
     * The lock's holder binds the link socket a moment after it takes the lock, so while that process lives we
     * ask again for a few seconds before calling it stuck.
     */
    private int forwardToRunning(MeshHome home) throws InterruptedException {
        long deadline = System.nanoTime() + FORWARD_WAIT.toNanos();
        while (tellRunning(home).isEmpty()) {
            boolean holderAlive = TrayInstance.holderPid(home)
                    .flatMap(ProcessHandle::of)
                    .map(ProcessHandle::isAlive)
                    .orElse(false);
            if (!holderAlive || System.nanoTime() > deadline) {
                throw new CliMain.CliException("a claudemesh tray app" + pidText(home) + " holds "
                        + TrayInstance.lockFile(home) + " but does not answer on " + TrayLink.socket(home)
                        + "; quit it or end that process");
            }
            Thread.sleep(100);
        }
        return forwarded(home);
    }

    private Optional<String> tellRunning(MeshHome home) {
        TrayLink.Request req = session == null
                ? new TrayLink.Request(TrayLink.SHOW, null)
                : new TrayLink.Request(TrayLink.SESSION, session);
        return TrayLink.tell(home, req);
    }

    private int forwarded(MeshHome home) {
        ctx.out().println("claudemesh tray already runs" + pidText(home) + "; brought its window forward");
        return ExitCodes.OK;
    }

    private static String pidText(MeshHome home) {
        return TrayInstance.holderPid(home).map(p -> " (pid " + p + ")").orElse("");
    }

    private boolean hasDesktop() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        boolean freedesktop = !os.contains("win") && !os.contains("mac");
        return !freedesktop
                || !blank(ctx.env().get("DISPLAY"))
                || !blank(ctx.env().get("WAYLAND_DISPLAY"));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private int autostart() throws Exception {
        switch (autostart.toLowerCase(Locale.ROOT)) {
            case "on" -> {
                // from the package: its own launcher (stable across upgrades); under jpackage's launcher the
                // process command is that launcher, not java, so java comes from java.home
                List<String> command = AppBundle.current()
                        .map(b -> List.of(b.launcher().toString(), "tray"))
                        .orElseGet(() -> DesktopEntries.trayCommand(
                                ctx.home(), RunningJar.find(), AppBundle.currentJava(), JvmFlags.TRAY));
                Path f = DesktopEntries.enable(ctx.env(), command);
                ctx.out().println("claudemesh tray will start when you log in (" + f + ")");
            }
            case "off" -> {
                Path f = DesktopEntries.autostartFile(ctx.env());
                boolean was = DesktopEntries.disable(ctx.env());
                ctx.out()
                        .println(
                                was
                                        ? "removed " + f + "; claudemesh tray no longer starts when you log in"
                                        : "claudemesh tray was not set to start when you log in (no " + f + ")");
            }
            default ->
                throw new dev.claudemesh.session.InvalidInputException(
                        "--autostart takes 'on' or 'off', got '" + autostart + "'");
        }
        return ExitCodes.OK;
    }
}
