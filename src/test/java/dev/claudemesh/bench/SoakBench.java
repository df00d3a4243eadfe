package dev.claudemesh.bench;

import dev.claudemesh.supervisor.SoakRun;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code packaging/bench soak [--minutes N] [--sessions N]} (defaults 10 and 20): the soak of {@link SoakRun} at full
 * length, with the daemon's memory, threads and descriptors sampled every 5 s. Prints the figures and FAIL lines;
 * exits 1 when a check failed.
 */
final class SoakBench {
    private SoakBench() {}

    static int run(PrintStream out, List<String> args) throws Exception {
        int minutes = 10;
        int sessions = 20;
        int gap = 20;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if ((a.equals("--minutes") || a.equals("--sessions") || a.equals("--gap"))
                    && i + 1 < args.size()
                    && args.get(i + 1).matches("\\d{1,4}")) {
                int v = Integer.parseInt(args.get(++i));
                if (a.equals("--minutes")) {
                    minutes = Math.max(1, v);
                } else if (a.equals("--gap")) {
                    gap = Math.max(2, v);
                } else {
                    sessions = Math.max(2, v);
                }
            } else {
                out.println(
                        "usage: packaging/bench soak [--minutes N] [--sessions N] [--gap SECONDS]; got '" + a + "'");
                return 2;
            }
        }
        Path dir = Files.createTempDirectory("claudemesh-soak");
        boolean held = false;
        try {
            SoakRun.Report r = SoakRun.run(
                    dir, new SoakRun.Options(sessions, Duration.ofMinutes(minutes), Duration.ofSeconds(gap), 7), out);
            out.printf(
                    "sessions %d, %d min: %d messages, %d acked, %d delivered more than once%n",
                    sessions, minutes, r.sent().size(), r.acked().size(), r.duplicateDeliveries());
            out.printf(
                    "daemon hit %d times (%d kill -9, %d shutdowns); back (a client restarted it) after ms: %s%n",
                    r.kills() + r.restarts(), r.kills(), r.restarts(), r.recoveryMillis());
            List<SoakRun.Sample> s = r.samples();
            long maxRss = s.stream().mapToLong(SoakRun.Sample::rssKib).max().orElse(0);
            out.printf(
                    "daemon RSS KiB over the run: first %d, last %d, max %d (%d samples)%n",
                    s.isEmpty() ? 0 : s.get(0).rssKib(),
                    s.isEmpty() ? 0 : s.get(s.size() - 1).rssKib(),
                    maxRss,
                    s.size());
            out.printf(
                    "quiet phase on one daemon: RSS %d -> %d KiB, threads %d -> %d, fds %d -> %d%n",
                    r.quietStart().rssKib(),
                    r.quietEnd().rssKib(),
                    r.quietStart().threads(),
                    r.quietEnd().threads(),
                    r.quietStart().fds(),
                    r.quietEnd().fds());
            int failed = 0;
            failed += fail(out, !r.problems().isEmpty(), "problems: " + r.problems());
            failed += fail(out, !r.notAckedOnce().isEmpty(), "not acked exactly once: " + r.notAckedOnce());
            failed += fail(out, r.stillOpen() != 0, r.stillOpen() + " messages still open");
            failed += fail(out, !r.acked().containsAll(r.sent()), "lost: some sent messages never acked");
            failed += fail(out, r.quietEnd().threads() > r.quietStart().threads() + 4, "daemon threads grew");
            failed += fail(out, r.quietEnd().fds() > r.quietStart().fds() + 8, "daemon file descriptors grew");
            failed += fail(out, !r.leftInTemp().isEmpty(), "left in the temp folder: " + r.leftInTemp());
            failed += fail(
                    out,
                    r.quietEnd().rssKib() > 2 * Math.max(r.quietStart().rssKib(), 1),
                    "daemon RSS doubled in the quiet phase");
            out.println(failed == 0 ? "soak: all checks held" : "soak: " + failed + " checks FAILED");
            held = failed == 0;
            return failed == 0 ? 0 : 1;
        } finally {
            if (held) {
                try (Stream<Path> w = Files.walk(dir)) {
                    w.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            } else {
                out.println("soak: the run's folder (logs, home, daemon.log) is kept for a look: " + dir);
            }
        }
    }

    private static int fail(PrintStream out, boolean failed, String what) {
        if (failed) {
            out.println("FAIL " + what);
        }
        return failed ? 1 : 0;
    }
}
