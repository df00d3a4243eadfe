package dev.claudemesh.bench;

import dev.claudemesh.config.DaemonState;
import dev.claudemesh.config.MeshHome;
import dev.claudemesh.e2e.ClaudeHome;
import dev.claudemesh.e2e.ClaudeProcess;
import dev.claudemesh.e2e.MeshWorld;
import dev.claudemesh.e2e.RecordedRequest;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What claudemesh adds to every prompt and every idle session, beside a plain claude in the same run. Real
 * claude 2.1.332, interactive in a PTY, fake API: Enter → the model request arrives, interleaved round by round
 * between a plain claude (nothing installed) and a claude with claudemesh installed (each hook path asked for);
 * then the resident memory of everything each claude spawned for claudemesh (daemon excluded) once idle.
 */
final class PromptBench {
    static final int ROUNDS = Integer.getInteger("promptbench.rounds", 15);

    private PromptBench() {}

    /**
     * A world under test: a label, the install arguments ({@code null}: nothing installed) and a change to the
     * Claude Code home after installing (to measure one piece of claudemesh alone).
     */
    record Variant(String label, List<String> installArgs, Consumer<ClaudeHome> edit) {
        Variant(String label, List<String> installArgs) {
            this(label, installArgs, home -> {});
        }
    }

    static List<Figure> run(PrintStream out, List<Variant> variants) throws Exception {
        List<MeshWorld> worlds = new ArrayList<>();
        List<ClaudeProcess> claudes = new ArrayList<>();
        Map<String, long[]> latency = new LinkedHashMap<>();
        Map<String, RecordedRequest> lastRequest = new LinkedHashMap<>();
        try {
            for (Variant v : variants) {
                MeshWorld w = new MeshWorld(Files.createTempDirectory("claudemesh-promptbench"));
                worlds.add(w);
                if (v.installArgs() != null) {
                    MeshWorld.Run r = w.install(v.installArgs().toArray(String[]::new));
                    if (r.code() != 0) {
                        throw new IllegalStateException("install failed: " + r.err());
                    }
                }
                v.edit().accept(w.home);
                ClaudeProcess c = w.interactive(w.folder("prompt"));
                claudes.add(c);
                c.submit("settle");
                w.api.awaitMainRequestContaining("settle", Duration.ofSeconds(30));
                latency.put(v.label(), new long[ROUNDS]);
            }
            for (int i = -2; i < ROUNDS; i++) { // two warm-up rounds
                for (int k = 0; k < variants.size(); k++) {
                    Thread.sleep(1_500); // the previous turn ends, its Stop hook runs
                    String marker = "PROMPT-" + k + "-" + i + "-" + System.nanoTime();
                    ClaudeProcess c = claudes.get(k);
                    c.type(marker);
                    Thread.sleep(100);
                    long enter = System.nanoTime();
                    c.type("\r");
                    RecordedRequest r = worlds.get(k).api.awaitMainRequestContaining(marker, Duration.ofSeconds(30));
                    if (i >= 0) {
                        latency.get(variants.get(k).label())[i] = r.arrivalNanos() - enter;
                    }
                    lastRequest.put(variants.get(k).label(), r);
                }
            }
            Thread.sleep(3_000); // idle: background waiters parked
            List<Figure> figures = new ArrayList<>();
            Stats plain = Stats.ofNanos(latency.get(variants.get(0).label()), 1e6);
            out.printf("prompt: Enter -> model request, %d interleaved rounds%n", ROUNDS);
            for (int k = 0; k < variants.size(); k++) {
                Variant v = variants.get(k);
                Stats s = Stats.ofNanos(latency.get(v.label()), 1e6);
                long rss = spawnedRssKiB(claudes.get(k), worlds.get(k).meshHome, out);
                RecordedRequest last = lastRequest.get(v.label());
                out.printf(
                        "  %-28s %s; added vs plain: %+.1f ms; spawned RSS %.1f MiB; request %,d bytes%n",
                        v.label(),
                        s.format("ms"),
                        s.median() - plain.median(),
                        rss / 1024.0,
                        last.rawBody().length());
                dumpRequest(k, v, last);
                if (k > 0) {
                    figures.add(new Figure(
                            "added latency per prompt (" + v.label() + ")",
                            String.format("%+.1f ms (%s)", s.median() - plain.median(), s.format("ms")),
                            "plain claude " + plain.format("ms"),
                            "<= 15 ms"));
                    figures.add(new Figure(
                            "resident memory per idle session (" + v.label() + ")",
                            String.format("%.1f MiB", rss / 1024.0),
                            "plain claude: 0 (nothing spawned)",
                            "<= 10 MiB"));
                }
            }
            return figures;
        } finally {
            for (ClaudeProcess c : claudes) {
                c.close();
            }
            for (MeshWorld w : worlds) {
                w.close();
                deleteQuietly(w.root);
            }
        }
    }

    /**
     * With {@code -Dpromptbench.dump=DIR}, writes each variant's last model request body to DIR (to see what a
     * piece of claudemesh adds to every request).
     */
    private static void dumpRequest(int k, Variant v, RecordedRequest request) throws java.io.IOException {
        String dir = System.getProperty("promptbench.dump");
        if (dir != null) {
            Path file = Path.of(dir).resolve(k + "-" + v.label().replaceAll("[^A-Za-z0-9]+", "-") + ".json");
            Files.createDirectories(file.getParent());
            Files.writeString(file, request.rawBody());
        }
    }

    /** A bench's own temp folder, gone once its world is closed (best effort: a late file write is no failure). */
    static void deleteQuietly(Path root) {
        try {
            dev.claudemesh.support.TempDirs.deleteTree(root);
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            System.err.println("bench: could not delete " + root + ": " + e);
        }
    }

    /** VmRSS summed over claude's descendants, the daemon excluded; prints what each one is. */
    static long spawnedRssKiB(ClaudeProcess claude, Path meshHome, PrintStream out) {
        long daemon = DaemonState.read(new MeshHome(meshHome).stateFile())
                .map(DaemonState::pid)
                .orElse(-1L);
        long total = 0;
        for (ProcessHandle p : claude.handle().descendants().toList()) {
            if (p.pid() == daemon) {
                continue;
            }
            long kib = rssKiB(p.pid());
            total += kib;
            String cmd = p.info().commandLine().orElse("?");
            out.printf(
                    "    spawned pid %d %6.1f MiB  %s%n",
                    p.pid(), kib / 1024.0, cmd.length() > 110 ? cmd.substring(0, 110) + "..." : cmd);
        }
        return total;
    }

    static long rssKiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (Exception gone) {
            // ended meanwhile
        }
        return 0;
    }
}
