package dev.claudemesh.bench;

import dev.claudemesh.gui.desktop.DesktopSession;
import dev.claudemesh.gui.desktop.TrayAppUnderTest;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Tray app figures (issue: start to icon, window with 50 sessions, idle memory and CPU while hosting the daemon),
 * measured on the built jar with the launcher's JVM flags in a private Xvfb session with an SNI host.
 */
final class TrayBench {
    private TrayBench() {}

    static void run(PrintStream out) throws Exception {
        if (DesktopSession.which("Xvfb") == null) {
            out.println("tray: SKIPPED, Xvfb is not installed (.ci/install-test-deps installs it)");
            return;
        }
        List<Long> startMs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Path dir = Files.createTempDirectory("claudemesh-traybench");
            try (DesktopSession d = DesktopSession.start(dir, DesktopSession.TrayHost.SNI)) {
                long t0 = System.nanoTime();
                try (TrayAppUnderTest app = new TrayAppUnderTest(d).start()) {
                    String item = "org.kde.StatusNotifierItem-" + app.process.pid() + "-1";
                    while (!d.registeredItems().contains(item)) {
                        Thread.sleep(20);
                        if (System.nanoTime() - t0 > 60_000_000_000L) {
                            throw new IllegalStateException("no tray icon after 60 s:\n" + app.log());
                        }
                    }
                    startMs.add((System.nanoTime() - t0) / 1_000_000);
                    if (i == 2) {
                        idleFigures(out, d, app, item);
                    }
                }
            } finally {
                try (var files = Files.walk(dir)) {
                    files.sorted(java.util.Comparator.reverseOrder())
                            .forEach(p -> p.toFile().delete());
                }
            }
        }
        Collections.sort(startMs);
        out.printf(
                "tray: start -> SNI icon registered: median %d ms (runs %s; load average %s)%n",
                startMs.get(1),
                startMs,
                Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    }

    private static void idleFigures(PrintStream out, DesktopSession d, TrayAppUnderTest app, String item)
            throws Exception {
        long pid = app.process.pid();
        Thread.sleep(12_000); // settle: JIT, first GC, font caches
        out.printf(
                "tray: idle, window hidden, hosting the daemon, 0 sessions: RSS %.1f MiB, PSS %.1f MiB%n",
                kib(pid, "status", "VmRSS:") / 1024.0, kib(pid, "smaps_rollup", "Pss:") / 1024.0);
        double cpu = cpuPercent(pid, 30_000);
        out.printf("tray: idle CPU over 30 s: %.2f %% of one core%n", cpu);
        for (int i = 0; i < 50; i++) {
            app.session("project-" + i, i % 2 == 0);
        }
        Thread.sleep(3_000);
        String layout = d.menuLayout(item);
        int rows = layout.split("project-").length - 1;
        long t0 = System.nanoTime();
        d.exec(
                "gdbus",
                "call",
                "--session",
                "-d",
                item,
                "-o",
                "/StatusNotifierItem",
                "-m",
                "org.kde.StatusNotifierItem.Activate",
                "--",
                "0",
                "0");
        DesktopSession.waitFor(
                "the window",
                () -> d.exec("xwininfo", "-name", "claudemesh").out().contains("IsViewable"));
        long shown = (System.nanoTime() - t0) / 1_000_000;
        Thread.sleep(5_000);
        out.printf(
                "tray: 50 live sessions (%d menu rows): window shown %d ms after Activate; RSS %.1f MiB with it open%n",
                rows, shown, kib(pid, "status", "VmRSS:") / 1024.0);
        d.screenshot(Path.of("target/screenshots/bench-window-50-sessions.png"));
        double cpuOpen = cpuPercent(pid, 20_000);
        out.printf("tray: CPU over 20 s with the window open and 50 sessions: %.2f %% of one core%n", cpuOpen);
    }

    static long kib(long pid, String file, String field) throws Exception {
        for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/" + file))) {
            if (l.startsWith(field)) {
                return Long.parseLong(l.substring(field.length()).trim().split("\\s+")[0]);
            }
        }
        return -1;
    }

    static double cpuPercent(long pid, long millis) throws Exception {
        long a = ticks(pid);
        long t0 = System.nanoTime();
        Thread.sleep(millis);
        long b = ticks(pid);
        double secs = (System.nanoTime() - t0) / 1e9;
        return (b - a) / 100.0 / secs * 100.0; // USER_HZ = 100 on Linux
    }

    private static long ticks(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
    }
}
