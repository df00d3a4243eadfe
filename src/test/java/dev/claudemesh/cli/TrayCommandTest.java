package dev.claudemesh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudemesh.config.MeshHome;
import dev.claudemesh.gui.TrayInstance;
import dev.claudemesh.notify.desktop.TrayLink;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code claudemesh tray} paths that need no display (the desktop ones are in TrayDesktopIT). */
class TrayCommandTest {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {}

    Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", dir.resolve("home").toString());
        env.put("CLAUDEMESH_HOME", dir.resolve("mesh").toString());
        env.put("XDG_CONFIG_HOME", dir.resolve("cfg").toString());
        return env;
    }

    Run run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CliMain.run(
                args, env, new ByteArrayInputStream(new byte[0]), new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void autostart_on_writes_the_entry_and_off_removes_it() throws Exception {
        Run on = run(env(), "tray", "--autostart", "on");
        Path entry = dir.resolve("cfg/autostart/claudemesh-tray.desktop");
        assertThat(on.code()).isZero();
        assertThat(on.out()).contains(entry.toString());
        assertThat(Files.readString(entry)).contains("Exec=", " tray\n", "X-GNOME-Autostart-enabled=true");
        Run off = run(env(), "tray", "--autostart", "off");
        assertThat(off.code()).isZero();
        assertThat(entry).doesNotExist();
        assertThat(run(env(), "tray", "--autostart", "off").out()).contains("was not set to start");
    }

    @Test
    void a_bad_autostart_value_is_a_usage_error() {
        Run r = run(env(), "tray", "--autostart", "maybe");
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("--autostart takes 'on' or 'off', got 'maybe'");
    }

    @Test
    void a_second_tray_brings_the_first_ones_window_forward_and_exits() throws Exception {
        MeshHome home = new MeshHome(dir.resolve("mesh"));
        List<TrayLink.Request> got = new CopyOnWriteArrayList<>();
        try (TrayInstance first = TrayInstance.acquire(home).orElseThrow()) {
            first.listen(got::add);
            Run r = run(env(), "tray", "--session", "abcd1234");
            assertThat(r.code()).isZero();
            assertThat(r.out())
                    .contains("claudemesh tray already runs (pid "
                            + ProcessHandle.current().pid() + ")");
            org.awaitility.Awaitility.await().until(() -> got.size() == 1);
            assertThat(got.get(0).line()).isEqualTo("session abcd1234");
        }
    }

    @Test
    void without_a_display_it_says_so_and_leaves_nothing_behind() throws Exception {
        Map<String, String> env = env();
        env.remove("DISPLAY");
        env.remove("WAYLAND_DISPLAY");
        Run r = run(env, "tray");
        assertThat(r.code()).isEqualTo(ExitCodes.ERROR);
        assertThat(r.err()).contains("needs a graphical desktop");
        assertThat(new MeshHome(dir.resolve("mesh")).stateFile()).doesNotExist();
        // it never took the lock: an app starting at that moment would have seen it as the running one
        assertThat(TrayInstance.lockFile(new MeshHome(dir.resolve("mesh")))).doesNotExist();
    }

    @Test
    void without_a_display_it_still_brings_a_running_apps_window_forward() throws Exception {
        MeshHome home = new MeshHome(dir.resolve("mesh"));
        Map<String, String> env = env();
        env.remove("DISPLAY");
        env.remove("WAYLAND_DISPLAY");
        List<TrayLink.Request> got = new CopyOnWriteArrayList<>();
        try (TrayInstance first = TrayInstance.acquire(home).orElseThrow()) {
            first.listen(got::add);
            Run r = run(env, "tray");
            assertThat(r.code()).isZero();
            assertThat(r.out()).contains("claudemesh tray already runs");
            org.awaitility.Awaitility.await().until(() -> got.size() == 1);
        }
    }

    @Test
    void an_app_that_holds_the_lock_but_is_still_starting_is_waited_for() throws Exception {
        MeshHome home = new MeshHome(dir.resolve("mesh"));
        Map<String, String> env = env();
        env.put("DISPLAY", ":nowhere"); // never used: the lock is held, so this run only forwards
        List<TrayLink.Request> got = new CopyOnWriteArrayList<>();
        try (TrayInstance first = TrayInstance.acquire(home).orElseThrow()) {
            java.util.concurrent.CompletableFuture<Run> second =
                    java.util.concurrent.CompletableFuture.supplyAsync(() -> run(env, "tray"));
            // the socket is not there yet: the second run must keep asking, not give up
            org.awaitility.Awaitility.await()
                    .during(java.time.Duration.ofMillis(800))
                    .atMost(java.time.Duration.ofSeconds(5))
                    .until(() -> !second.isDone());
            first.listen(got::add);
            Run r = second.get();
            assertThat(r.err()).isEmpty();
            assertThat(r.code()).isZero();
            assertThat(r.out()).contains("claudemesh tray already runs");
        }
    }

    @Test
    void a_broken_notify_setting_is_reported_before_anything_starts() throws Exception {
        Files.createDirectories(dir.resolve("mesh"));
        Files.writeString(dir.resolve("mesh/config.json"), "{\"notify\": \"loud\"}");
        Run r = run(env(), "tray");
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("notify must be one of 'unwakeable', 'unsupervised', 'off', got 'loud'");
    }

    @Test
    void a_malformed_session_id_is_refused() {
        Run r = run(env(), "tray", "--session", "../x");
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    }
}
