package dev.claudemesh.gui.desktop;

import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real X session for desktop tests: its own {@code Xvfb :N} (N from 90-99, claimed by a lock file, never
 * :0), a session bus from {@code dbus-run-session}, dunst started explicitly, {@code dbus-monitor} recording
 * notification traffic, and the tray host the test asks for. {@code NO_AT_BRIDGE=1} keeps GTK from starting
 * the accessibility bus. Every process is ended by pid on close, newest first.
 */
public final class DesktopSession implements AutoCloseable {
    public enum TrayHost {
        SNI,
        TRAYER,
        NONE
    }

    public static final List<String> TOOLS = List.of(
            "Xvfb",
            "xdpyinfo",
            "xwininfo",
            "xprop",
            "xdotool",
            "dunst",
            "dunstctl",
            "dbus-run-session",
            "dbus-monitor",
            "gdbus",
            "import",
            "trayer",
            "status-notifier-watcher",
            "gtk-sni-tray-standalone");

    public final Path dir;
    public final int display;
    public final Map<String, String> env = new HashMap<>();
    private final List<Process> processes = new ArrayList<>();
    private final FileChannel lockChannel;
    private final FileLock lock;

    private DesktopSession(Path dir, int display, FileChannel lockChannel, FileLock lock) {
        this.dir = dir;
        this.display = display;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** The tools of {@link #TOOLS} missing from PATH. */
    public static List<String> missingTools() {
        List<String> missing = new ArrayList<>();
        for (String t : TOOLS) {
            if (which(t) == null) {
                missing.add(t);
            }
        }
        return missing;
    }

    public static Path which(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            Path p = Path.of(d, tool);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    public static DesktopSession start(Path dir, TrayHost host) throws Exception {
        Files.createDirectories(dir);
        for (int n = 90; n <= 99; n++) {
            if (Files.exists(Path.of("/tmp/.X" + n + "-lock")) || Files.exists(Path.of("/tmp/.X11-unix/X" + n))) {
                continue;
            }
            FileChannel ch = FileChannel.open(
                    Path.of("/tmp/claudemesh-test-display-" + n + ".lock"),
                    StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock l = ch.tryLock();
            if (l == null) {
                ch.close();
                continue;
            }
            DesktopSession s = new DesktopSession(dir, n, ch, l);
            try {
                s.up(host);
                return s;
            } catch (Exception | Error e) {
                s.close();
                throw e;
            }
        }
        throw new IllegalStateException("no free X display in :90-:99");
    }

    private void up(TrayHost host) throws Exception {
        env.put("DISPLAY", ":" + display);
        env.put("NO_AT_BRIDGE", "1");
        env.put("GDK_BACKEND", "x11");
        spawn("xvfb", "Xvfb", ":" + display, "-screen", "0", "1280x800x24", "-nolisten", "tcp");
        waitFor("Xvfb :" + display, () -> exec("xdpyinfo").exit() == 0);
        Path addr = dir.resolve("bus-address");
        spawn(
                "dbus",
                "dbus-run-session",
                "--",
                "sh",
                "-c",
                "printf '%s' \"$DBUS_SESSION_BUS_ADDRESS\" > '" + addr + "'; exec sleep 100000");
        waitFor("the session bus", () -> Files.exists(addr) && Files.size(addr) > 0);
        env.put("DBUS_SESSION_BUS_ADDRESS", Files.readString(addr).trim());
        spawn("dunst", "dunst");
        waitFor("dunst", () -> hasOwner("org.freedesktop.Notifications"));
        spawn(
                "monitor",
                "dbus-monitor",
                "--session",
                "type='method_call',interface='org.freedesktop.Notifications',member='Notify'",
                "type='signal',interface='org.freedesktop.Notifications'");
        switch (host) {
            case SNI -> {
                spawn("watcher", "status-notifier-watcher");
                waitFor("status-notifier-watcher", () -> hasOwner("org.kde.StatusNotifierWatcher"));
                spawn("sni-host", "gtk-sni-tray-standalone", "--top", "--end", "--size", "32", "--color", "#404040");
                waitFor(
                        "the SNI bar",
                        () -> exec("xwininfo", "-root", "-tree").out().contains("gtk-sni-tray-standalone"));
            }
            case TRAYER -> {
                spawn(
                        "trayer",
                        "trayer",
                        "--edge",
                        "top",
                        "--align",
                        "right",
                        "--widthtype",
                        "request",
                        "--height",
                        "32",
                        "--SetDockType",
                        "true",
                        "--transparent",
                        "false",
                        "--tint",
                        "0x404040");
                waitFor("trayer", () -> exec("xwininfo", "-root", "-tree").out().contains("\"panel\""));
            }
            case NONE -> {}
        }
    }

    public boolean hasOwner(String name) throws Exception {
        return exec(
                        "gdbus",
                        "call",
                        "--session",
                        "-d",
                        "org.freedesktop.DBus",
                        "-o",
                        "/org/freedesktop/DBus",
                        "-m",
                        "org.freedesktop.DBus.NameHasOwner",
                        name)
                .out()
                .contains("true");
    }

    /** Starts a long-running process in this session, output to {@code <name>.log}; ended on close. */
    public Process spawn(String name, String... cmd) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(env);
        pb.redirectErrorStream(true);
        pb.redirectOutput(dir.resolve(name + ".log").toFile());
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process p = pb.start();
        processes.add(p);
        return p;
    }

    public Process spawn(String name, List<String> cmd, Map<String, String> extraEnv) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().keySet().removeIf(k -> k.startsWith("CLAUDE") || k.startsWith("XDG_"));
        pb.environment().putAll(env);
        pb.environment().putAll(extraEnv);
        pb.redirectErrorStream(true);
        pb.redirectOutput(dir.resolve(name + ".log").toFile());
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process p = pb.start();
        processes.add(p);
        return p;
    }

    public String log(String name) throws IOException {
        Path f = dir.resolve(name + ".log");
        return Files.exists(f) ? Files.readString(f, StandardCharsets.UTF_8) : "";
    }

    public record Result(int exit, String out) {}

    /** Runs a short command in this session and returns its exit code and output. */
    public Result exec(String... cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(env);
        pb.redirectErrorStream(true);
        Path out = Files.createTempFile(dir, "exec", ".out");
        pb.redirectOutput(out.toFile());
        Process p = pb.start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new IllegalStateException("timed out: " + String.join(" ", cmd));
        }
        String text = Files.readString(out, StandardCharsets.UTF_8);
        Files.delete(out);
        return new Result(p.exitValue(), text);
    }

    /** The whole screen as a PNG. */
    /** The dbusmenu layout a StatusNotifierItem's {@code /MenuBar} serves (gdbus's text form). */
    public String menuLayout(String item) throws Exception {
        return exec(
                        "gdbus",
                        "call",
                        "--session",
                        "-d",
                        item,
                        "-o",
                        "/MenuBar",
                        "-m",
                        "com.canonical.dbusmenu.GetLayout",
                        "--",
                        "0",
                        "-1",
                        "[]")
                .out();
    }

    /** The items the session bus's StatusNotifierWatcher lists (gdbus's text form). */
    public String registeredItems() throws Exception {
        return exec(
                        "gdbus",
                        "call",
                        "--session",
                        "-d",
                        "org.kde.StatusNotifierWatcher",
                        "-o",
                        "/StatusNotifierWatcher",
                        "-m",
                        "org.freedesktop.DBus.Properties.Get",
                        "org.kde.StatusNotifierWatcher",
                        "RegisteredStatusNotifierItems")
                .out();
    }

    public Path screenshot(Path png) throws Exception {
        Files.createDirectories(png.getParent());
        Result r = exec("import", "-window", "root", png.toString());
        if (r.exit() != 0) {
            throw new IllegalStateException("import failed: " + r.out());
        }
        return png;
    }

    public interface Check {
        boolean ok() throws Exception;
    }

    public static void waitFor(String what, Check c) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < end) {
            if (c.ok()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(what + " did not come up within 30 s");
    }

    @Override
    public void close() throws Exception {
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process p = processes.get(i);
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        lock.release();
        lockChannel.close();
    }
}
