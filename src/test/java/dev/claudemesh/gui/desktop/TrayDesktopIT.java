package dev.claudemesh.gui.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudemesh.message.MessageKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tray app in a real X session (Xvfb, a session bus, dunst): with an SNI host, with an XEmbed tray, and with
 * no tray at all. Actions go through D-Bus and the daemon where pixel clicking would be fragile; screenshots
 * land in {@code target/screenshots/}.
 */
class TrayDesktopIT {
    static final Path SHOTS = Path.of("target/screenshots");

    @TempDir
    Path dir;

    @BeforeAll
    static void needsXvfb() {
        if (DesktopSession.which("Xvfb") == null) {
            String msg = "\n\n*** TrayDesktopIT SKIPPED: Xvfb is not installed. The desktop tests need it; run"
                    + " .ci/install-test-deps (CI does) ***\n";
            System.err.println(msg);
            Assumptions.assumeTrue(false, msg);
        }
        assertThat(DesktopSession.missingTools())
                .as("desktop test tools (.ci/install-test-deps installs them)")
                .isEmpty();
    }

    @Test
    void with_an_sni_host_the_item_registers_and_its_dbusmenu_lists_the_live_sessions() throws Exception {
        try (DesktopSession d = DesktopSession.start(dir, DesktopSession.TrayHost.SNI);
                TrayAppUnderTest app = new TrayAppUnderTest(d).start()) {
            app.awaitLog("tray icon shown (sni)");
            long pid = app.daemonPid();
            assertThat(pid)
                    .as("the app hosts the daemon: daemon.state names its pid")
                    .isEqualTo(app.process.pid());
            String item = "org.kde.StatusNotifierItem-" + pid + "-1";
            DesktopSession.waitFor(
                    "the watcher lists our item", () -> d.registeredItems().contains(item));
            String api = app.session("my_api", true);
            String web = app.session("web", false);
            app.send(api, MessageKind.NOTE, "fyi");
            String[] layout = new String[1];
            DesktopSession.waitFor("the menu lists both sessions", () -> {
                layout[0] = d.menuLayout(item);
                return layout[0].contains("my__api · " + api + " · idle · ✉1")
                        && layout[0].contains("web · " + web + " · busy · ✉0");
            });
            assertThat(layout[0]).contains("'Open window'", "'New session…'", "'Notifications'", "'Quit'");
            String icon = d.exec(
                            "gdbus",
                            "call",
                            "--session",
                            "-d",
                            item,
                            "-o",
                            "/StatusNotifierItem",
                            "-m",
                            "org.freedesktop.DBus.Properties.Get",
                            "org.kde.StatusNotifierItem",
                            "IconName")
                    .out();
            assertThat(icon).as("a message waits: the waiting icon").contains("claudemesh-waiting");

            d.exec("xdotool", "mousemove", "1264", "16", "click", "3");
            DesktopSession.waitFor("the GTK menu", () -> popupOpen(d));
            Path shot = d.screenshot(SHOTS.resolve("sni-screen.png"));
            crop(shot, SHOTS.resolve("tray-menu-sni.png"), "420x220+860+0");
            d.exec("xdotool", "key", "Escape");

            int open = menuId(layout[0], "Open window");
            d.exec(
                    "gdbus",
                    "call",
                    "--session",
                    "-d",
                    item,
                    "-o",
                    "/MenuBar",
                    "-m",
                    "com.canonical.dbusmenu.Event",
                    "--",
                    String.valueOf(open),
                    "clicked",
                    "<0>",
                    "0");
            app.awaitLog("window shown");
            DesktopSession.waitFor(
                    "the window is mapped",
                    () -> d.exec("xwininfo", "-name", "claudemesh").out().contains("IsViewable"));

            int quit = menuId(layout[0], "Quit");
            d.exec(
                    "gdbus",
                    "call",
                    "--session",
                    "-d",
                    item,
                    "-o",
                    "/MenuBar",
                    "-m",
                    "com.canonical.dbusmenu.Event",
                    "--",
                    String.valueOf(quit),
                    "clicked",
                    "<0>",
                    "0");
            assertThat(app.process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS))
                    .isTrue();
            assertThat(app.process.exitValue()).isZero();
            assertThat(app.home.stateFile())
                    .as("Quit stopped the hosted daemon")
                    .doesNotExist();
        }
    }

    @Test
    void with_only_trayer_the_awt_icon_docks_and_its_popup_lists_the_sessions() throws Exception {
        try (DesktopSession d = DesktopSession.start(dir, DesktopSession.TrayHost.TRAYER);
                TrayAppUnderTest app = new TrayAppUnderTest(d).start()) {
            app.awaitLog("tray icon shown (awt)");
            String api = app.session("api", true);
            Matcher frame = Pattern.compile("\"JavaEmbeddedFrame\".*?\\+(\\d+)\\+(\\d+)\\s*$", Pattern.MULTILINE)
                    .matcher("");
            DesktopSession.waitFor("the icon docks in trayer", () -> {
                frame.reset(d.exec("xwininfo", "-root", "-tree").out());
                return frame.find();
            });
            int x = Integer.parseInt(frame.group(1)) + 12;
            int y = Integer.parseInt(frame.group(2)) + 15;
            DesktopSession.waitFor("the menu has the session", () -> {
                d.exec("xdotool", "mousemove", String.valueOf(x), String.valueOf(y), "click", "3");
                Thread.sleep(700);
                return popupOpen(d);
            });
            Path shot = d.screenshot(SHOTS.resolve("awt-screen.png"));
            crop(shot, SHOTS.resolve("tray-menu-awt.png"), "420x220+860+0");
            d.exec("xdotool", "key", "Escape");

            Process second = app.launch("second", "tray");
            assertThat(second.waitFor(60, java.util.concurrent.TimeUnit.SECONDS))
                    .isTrue();
            assertThat(second.exitValue()).isZero();
            assertThat(d.log("second")).contains("claudemesh tray already runs (pid " + app.process.pid() + ")");
            app.awaitLog("window shown");
            DesktopSession.waitFor(
                    "the window is mapped",
                    () -> d.exec("xwininfo", "-name", "claudemesh").out().contains("IsViewable"));
            assertThat(d.exec("xprop", "-name", "claudemesh", "WM_CLASS").out())
                    .as("the window's class is the desktop entries' StartupWMClass, not java")
                    .contains("\"claudemesh\"")
                    .doesNotContain("\"java\"");

            app.process.destroy(); // SIGTERM
            assertThat(app.process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS))
                    .isTrue();
            assertThat(app.home.stateFile())
                    .as("SIGTERM stopped the hosted daemon cleanly")
                    .doesNotExist();
            assertThat(dev.claudemesh.notify.desktop.TrayLink.socket(app.home)).doesNotExist();
            // JavaFX may print a RejectedExecutionException of its own renderer while the JVM shuts down
            assertThat(app.log()).contains("claudemesh daemon stopped").doesNotContain("\tat dev.claudemesh");
            assertThat(api).hasSize(8);
        }
    }

    @Test
    void as_the_client_of_a_headless_daemon_a_click_on_its_notification_reaches_the_app() throws Exception {
        try (DesktopSession d = DesktopSession.start(dir, DesktopSession.TrayHost.NONE);
                TrayAppUnderTest app = new TrayAppUnderTest(d)) {
            Process daemon = app.launch("daemon", "daemon");
            try {
                DesktopSession.waitFor(
                        "the headless daemon",
                        () -> app.home.stateFile().toFile().exists());
                long daemonPid = app.daemonPid();
                assertThat(daemonPid).isEqualTo(daemon.pid());
                app.start();
                app.awaitLog("no tray icon");
                assertThat(app.log()).doesNotContain("hosting the claudemesh daemon");
                String id = app.session("headless", true);
                app.send(id, MessageKind.TASK, "from the headless daemon");
                DesktopSession.waitFor("its Notify", () -> d.log("monitor").contains("Task waiting in headless"));
                DesktopSession.waitFor(
                        "dunst shows it",
                        () -> d.exec("dunstctl", "count", "displayed")
                                .out()
                                .trim()
                                .equals("1"));
                d.exec("dunstctl", "action", "0");
                app.awaitLog("window shows session " + id);
                assertThat(count(d.log("monitor"), "member=Notify"))
                        .as("the app does not notify a second time")
                        .isEqualTo(1);
                assertThat(app.daemonPid()).isEqualTo(daemonPid);
            } finally {
                daemon.destroy();
                daemon.waitFor(20, java.util.concurrent.TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void without_a_tray_the_window_opens_and_exactly_the_unwakeable_task_is_notified_and_opens_its_session()
            throws Exception {
        try (DesktopSession d = DesktopSession.start(dir, DesktopSession.TrayHost.NONE);
                TrayAppUnderTest app = new TrayAppUnderTest(d).start()) {
            app.awaitLog("no tray icon");
            DesktopSession.waitFor(
                    "the window opens",
                    () -> d.exec("xwininfo", "-name", "claudemesh").out().contains("IsViewable"));
            String noted = app.session("notes", true);
            String supervised = app.session("supervised", true);
            app.supervise(supervised);
            String lonely = app.session("lonely", true);
            app.send(noted, MessageKind.NOTE, "just so you know");
            app.send(supervised, MessageKind.TASK, "the supervisor types this in");
            app.send(lonely, MessageKind.TASK, "Please <b>review</b> the PR\nsecond line");
            DesktopSession.waitFor("one Notify", () -> d.log("monitor").contains("member=Notify"));
            app.awaitLog("notified (dbus) task");
            // events are decided in order on one thread: the lonely task came last
            String monitor = d.log("monitor");
            assertThat(count(monitor, "member=Notify")).isEqualTo(1);
            assertThat(monitor)
                    .contains(
                            "string \"Task waiting in lonely\"",
                            "string \"From cli: Please &lt;b&gt;review&lt;/b&gt; the PR\"");
            assertThat(monitor).doesNotContain("notes", "supervised");

            DesktopSession.waitFor(
                    "dunst shows it",
                    () -> d.exec("dunstctl", "count", "displayed").out().trim().equals("1"));
            d.screenshot(SHOTS.resolve("notification-screen.png"));
            d.exec("dunstctl", "action", "0");
            app.awaitLog("window shows session " + lonely);
            DesktopSession.waitFor("ActionInvoked", () -> d.log("monitor").contains("member=ActionInvoked"));
            Thread.sleep(1500); // let the window lay out before the picture (not an assertion)
            Path shot = d.screenshot(SHOTS.resolve("window-screen.png"));
            String geo = d.exec("xwininfo", "-name", "claudemesh").out();
            crop(shot, SHOTS.resolve("window.png"), geometry(geo));
            assertThat(count(d.log("monitor"), "member=Notify")).isEqualTo(1);
        }
    }

    static int menuId(String layout, String label) {
        Matcher m = Pattern.compile("<\\((\\d+), \\{[^}]*'label': <'" + Pattern.quote(label) + "'>")
                .matcher(layout);
        if (!m.find()) {
            throw new AssertionError("no menu item '" + label + "' in " + layout);
        }
        return Integer.parseInt(m.group(1));
    }

    static boolean popupOpen(DesktopSession d) throws Exception {
        String tree = d.exec("xwininfo", "-root", "-tree").out();
        return tree.contains("XPopupMenuPeer")
                || tree.lines().anyMatch(l -> l.contains("gtk-sni-tray-standalone") && l.contains("+32 "));
    }

    static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    static String geometry(String xwininfo) {
        int x = field(xwininfo, "Absolute upper-left X");
        int y = field(xwininfo, "Absolute upper-left Y");
        return field(xwininfo, "Width") + "x" + field(xwininfo, "Height") + "+" + x + "+" + y;
    }

    static int field(String text, String name) {
        Matcher m = Pattern.compile(Pattern.quote(name) + ":\\s+(-?\\d+)").matcher(text);
        if (!m.find()) {
            throw new AssertionError("no " + name + " in " + text);
        }
        return Integer.parseInt(m.group(1));
    }

    static void crop(Path from, Path to, String geometry) throws Exception {
        Process p = new ProcessBuilder(
                        List.of("/usr/bin/convert", from.toString(), "-crop", geometry, "+repage", to.toString()))
                .redirectErrorStream(true)
                .start();
        p.waitFor();
        assertThat(Files.exists(to)).as("cropped " + to).isTrue();
    }
}
