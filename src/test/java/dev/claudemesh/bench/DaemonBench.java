package dev.claudemesh.bench;

import dev.claudemesh.client.DaemonClient;
import dev.claudemesh.config.MeshHome;
import dev.claudemesh.config.Token;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Daemon throughput: 50 registered sessions, 20 concurrent senders (each on its own keep-alive
 * connection), against a daemon in its own JVM. Prints durable sends/s and p50/p99 send latency, then
 * kills the daemon with -9, restarts it and counts that every send that returned 200 is still stored.
 * Targets (DESIGN.md): ≥ 2,000/s, p99 ≤ 10 ms.
 */
public final class DaemonBench {
    static final int SESSIONS = 50;
    static final int SENDERS = 20;
    static final int PER_SENDER = 1_500;
    static final int WARMUP = 500;

    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    static final int WAKE_WARMUP = 3;

    /** Parks a long poll on {@code id}'s events, sends it a note, and times the wake-up; {@code rounds} times. */
    static long[] longPollWake(DaemonClient c, String id, int rounds) throws Exception {
        long[] out = new long[rounds];
        for (int round = -WAKE_WARMUP; round < rounds; round++) {
            long seq = c.events(id, 0, 0).path("seq").asLong();
            CompletableFuture<Long> woke = CompletableFuture.supplyAsync(() -> {
                try {
                    c.events(id, seq, 10_000);
                    return System.nanoTime();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(100); // the poll is parked in the daemon by now
            long sentAt = System.nanoTime();
            c.post("/v1/messages", Map.of("to", id, "kind", "note", "body", "wake " + round));
            long at = woke.get(10, TimeUnit.SECONDS);
            if (round >= 0) {
                out[round] = at - sentAt;
            }
        }
        Arrays.sort(out);
        return out;
    }

    public static void run(PrintStream out) throws Exception {
        measure(out);
    }

    /** Prints the daemon figures and returns the client-side p99 beside the daemon's own handling p99. */
    static Figure measure(PrintStream out) throws Exception {
        Figure figure;
        Path dir = Files.createTempDirectory("claudemesh-bench");
        MeshHome home = new MeshHome(dir);
        home.ensure();
        Files.writeString(home.configFile(), "{\"port\": 0, \"pair_per_minute\": 100000000}");
        List<Process> sleepers = new ArrayList<>();
        DaemonClient c = HookBench.connectPatiently(home);
        String token = Token.read(home.tokenFile());
        try {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < SESSIONS; i++) {
                Process p = new ProcessBuilder("sleep", "600").start();
                sleepers.add(p);
                ids.add(c.post(
                                "/v1/sessions",
                                Map.of("session_id", "bench-" + i, "pid", p.pid(), "cwd", "/bench/s" + i))
                        .path("session")
                        .path("id")
                        .asText());
            }
            int port = c.state().port();
            storm(port, token, ids, WARMUP); // warm-up round: JIT, connections, caches
            long t0 = System.nanoTime();
            long[][] lat = storm(port, token, ids, PER_SENDER);
            long wall = System.nanoTime() - t0;
            long[] all =
                    Arrays.stream(lat).flatMapToLong(Arrays::stream).sorted().toArray();
            int total = all.length;
            out.printf(
                    "daemon: %d sessions, %d senders x %d sends (after %d warm-up sends each)%n",
                    SESSIONS, SENDERS, PER_SENDER, WARMUP);
            out.printf("  durable sends/s   %.0f   (target >= 2000)%n", total / (wall / 1e9));
            out.printf("  send latency p50  %.2f ms%n", all[total / 2] / 1e6);
            out.printf("  send latency p99  %.2f ms   (target <= 10 ms)%n", all[(int) (total * 0.99)] / 1e6);
            out.printf("  send latency max  %.2f ms%n", all[total - 1] / 1e6);
            var handling = c.get("/v1/health").path("send_handling_us");
            out.printf(
                    "  daemon-side handling of the last %d sends: p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                    8192,
                    handling.path("p50").asLong() / 1e3,
                    handling.path("p99").asLong() / 1e3,
                    handling.path("max").asLong() / 1e3);

            long[] wake = longPollWake(c, ids.get(0), 20);
            out.printf(
                    "  long-poll wake after a send: p50 %.2f ms, max %.2f ms   (target <= 50 ms)%n",
                    wake[wake.length / 2] / 1e6, wake[wake.length - 1] / 1e6);

            long expected = (long) total + (long) WARMUP * SENDERS + wake.length + WAKE_WARMUP;
            long pid = c.state().pid();
            new ProcessBuilder("kill", "-9", Long.toString(pid)).start().waitFor();
            ProcessHandle.of(pid).ifPresent(h -> h.onExit().join());
            c = HookBench.connectPatiently(home);
            long stored = 0;
            for (String id : ids) {
                stored += c.get("/v1/sessions/" + id).path("pending").asLong();
            }
            out.printf("  after kill -9 and restart: %d of %d acknowledged sends stored%n", stored, expected);
            figure = new Figure(
                    "daemon, 20 concurrent senders: client p99",
                    String.format(
                            "p99 %.2f ms, p50 %.2f ms, %.0f sends/s (n=%d)",
                            all[(int) (total * 0.99)] / 1e6, all[total / 2] / 1e6, total / (wall / 1e9), total),
                    String.format(
                            "daemon-side handling p99 %.2f ms",
                            handling.path("p99").asLong() / 1e3),
                    "<= 10 ms, >= 2000/s");
        } finally {
            try {
                c.post("/v1/shutdown", null);
            } catch (Exception ignored) {
                // already gone
            }
            sleepers.forEach(Process::destroyForcibly);
        }
        return figure;
    }

    /** {@link #SENDERS} threads, each on its own keep-alive connection, sending {@code perSender} tasks. */
    static long[][] storm(int port, String token, List<String> ids, int perSender) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(SENDERS);
        long[][] lat = new long[SENDERS][perSender];
        List<Future<?>> jobs = new ArrayList<>();
        for (int s = 0; s < SENDERS; s++) {
            int sender = s;
            jobs.add(pool.submit(() -> {
                try (KeepAliveHttp http = new KeepAliveHttp(port, token)) {
                    for (int i = 0; i < perSender; i++) {
                        String to = ids.get((sender * 7 + i) % SESSIONS);
                        long a = System.nanoTime();
                        int status = http.post(
                                "/v1/messages",
                                "{\"from\":\"cli\",\"to\":\"" + to
                                        + "\",\"kind\":\"task\",\"body\":\"benchmark task " + sender + "/" + i
                                        + " - please run the suite\"}");
                        lat[sender][i] = System.nanoTime() - a;
                        if (status != 200) {
                            throw new IllegalStateException("send failed with HTTP " + status);
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : jobs) {
            f.get();
        }
        pool.shutdown();
        return lat;
    }
}
