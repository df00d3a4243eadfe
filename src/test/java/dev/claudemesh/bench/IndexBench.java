package dev.claudemesh.bench;

import dev.claudemesh.transcript.TranscriptLocator;
import dev.claudemesh.transcript.index.IndexRequest;
import dev.claudemesh.transcript.index.IndexStatus;
import dev.claudemesh.transcript.index.TranscriptIndex;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Full-text index figures ({@code packaging/bench index [MiB] [files]}, default 1024 MiB in 200 files): cold build
 * rate, index size against the transcripts, resident memory during the build, query p50/p95 for rare and common
 * words, phrases and prefixes (target 50 ms p95), and how long an appended prompt takes to become searchable. The
 * index runs in this JVM with the daemon's code and settings; RSS is this process's.
 */
public final class IndexBench {
    private static final int RUNS = 40;

    private IndexBench() {}

    public static void run(PrintStream out) throws Exception {
        run(out, 1024, 200);
    }

    public static void run(PrintStream out, String[] args) throws Exception {
        run(out, args.length > 0 ? Integer.parseInt(args[0]) : 1024, args.length > 1 ? Integer.parseInt(args[1]) : 200);
    }

    static void run(PrintStream out, int mib, int files) throws Exception {
        Path dir = Files.createTempDirectory("claudemesh-index-bench");
        try {
            Path config = dir.resolve("claude");
            ZipfTranscripts gen = new ZipfTranscripts(42);
            long t0 = System.nanoTime();
            long perFile = ((long) mib << 20) / files;
            List<Path> written = new ArrayList<>();
            for (int i = 0; i < files; i++) {
                String cwd = "/home/dev/project" + (i % 20);
                Path project = Files.createDirectories(config.resolve("projects/-home-dev-project" + (i % 20)));
                Path f = project.resolve(String.format("%08x-bench-%04d.jsonl", i * 2654435761L, i));
                // sizes vary 0.25x-1.75x around the mean, as real sessions do
                long size = perFile / 4 + (perFile * 3 / 2) * ((i * 37L) % files) / files;
                gen.write(
                        f,
                        "bench-" + i,
                        cwd,
                        Instant.parse("2026-01-01T00:00:00Z").plusSeconds(3600L * i),
                        size);
                written.add(f);
            }
            long total = 0;
            for (Path f : written) {
                total += Files.size(f);
            }
            out.printf(
                    "transcripts: %d files, %.0f MiB, generated in %d s%n",
                    files, total / 1048576.0, (System.nanoTime() - t0) / 1_000_000_000);
            out.printf("heap: max %d MiB%n", Runtime.getRuntime().maxMemory() >> 20);

            AtomicLong peakRss = new AtomicLong();
            Thread sampler = sampler(peakRss);
            long b0 = System.nanoTime();
            long cpu0 = cpu();
            TranscriptIndex index = TranscriptIndex.start(
                    dir.resolve("mesh/index.db"),
                    new TranscriptLocator(config),
                    TranscriptIndex.Settings.defaults(out::println));
            while (!index.status().ready()) {
                Thread.sleep(100);
            }
            double secs = (System.nanoTime() - b0) / 1e9;
            double cpuSecs = (cpu() - cpu0) / 1e9;
            sampler.interrupt();
            IndexStatus st = index.status();
            out.printf(
                    "cold build: %.1f s wall, %.1f MiB/s; %.1f s CPU, %.1f MiB per CPU-second; %d turns;"
                            + " peak RSS during the build %d MiB (load average %s)%n",
                    secs,
                    total / 1048576.0 / secs,
                    cpuSecs,
                    total / 1048576.0 / cpuSecs,
                    st.turns(),
                    peakRss.get() >> 20,
                    load());
            // Once ready the indexer merges the segments (optimize, then a TRUNCATE checkpoint that empties the
            // WAL); queries measured meanwhile would race it, so wait for that first.
            long o0 = System.nanoTime();
            Path wal = dir.resolve("mesh/index.db-wal");
            while (Files.exists(wal) && Files.size(wal) > 0 && System.nanoTime() - o0 < 300_000_000_000L) {
                Thread.sleep(100);
            }
            out.printf(
                    "segments merged (optimize) %.1f s after ready%s%n",
                    (System.nanoTime() - o0) / 1e9,
                    Files.exists(wal) && Files.size(wal) > 0 ? " - NOT seen to finish, queries race it" : "");
            st = index.status();
            out.printf(
                    "index size: %.1f MiB = %.1f%% of the transcripts%n",
                    st.indexBytes() / 1048576.0, 100.0 * st.indexBytes() / total);

            queries(out, index, gen);
            appendLatency(out, index, written.get(written.size() / 2));
            index.close();
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void queries(PrintStream out, TranscriptIndex index, ZipfTranscripts gen) throws Exception {
        List<String> rare = new ArrayList<>();
        List<String> common = new ArrayList<>();
        List<String> phrases = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            rare.add(gen.word(20_000 + i * 400));
            common.add(ZipfTranscripts.COMMON[i % ZipfTranscripts.COMMON.length]);
            phrases.add("\"" + gen.word(40 + i) + " " + gen.word(41 + i) + "\"");
            prefixes.add(gen.word(200 + i).substring(0, 4) + "*");
        }
        List<String> multi = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            multi.add(gen.word(300 + i) + " " + gen.word(2000 + i * 3));
        }
        measure(out, index, "rare word", rare, false);
        measure(out, index, "common word", common, false);
        measure(out, index, "two words", multi, false);
        measure(out, index, "phrase", phrases, false);
        measure(out, index, "prefix", prefixes, false);
        List<String> rareRegex = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            rareRegex.add(" " + gen.word(20_000 + i * 400) + "\\s+\\w+");
        }
        measure(out, index, "regex, rare word", rareRegex, true);
        measure(out, index, "regex, common words", List.of("connection refused \\w+", "timeout \\w+ error"), true);
    }

    private static void measure(PrintStream out, TranscriptIndex index, String label, List<String> qs, boolean regex)
            throws Exception {
        StringBuilder dump = new StringBuilder();
        for (String q : qs) { // warm-up
            for (var h : index.search(new IndexRequest(q, null, null, regex, 20, Duration.ofSeconds(5)))
                    .hits()) {
                dump.append(label)
                        .append('\t')
                        .append(q)
                        .append('\t')
                        .append(h.sessionId())
                        .append(' ')
                        .append(h.turn())
                        .append(' ')
                        .append(h.role())
                        .append('\n');
            }
        }
        String dumpTo = System.getenv("CLAUDEMESH_BENCH_HITS");
        if (dumpTo != null) { // every query's hits, to compare two builds' answers
            Files.writeString(
                    Path.of(dumpTo),
                    dump,
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
        long[] ms = new long[qs.size() * 2];
        long[] cpu = new long[ms.length];
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        int hits = 0;
        for (int i = 0; i < ms.length; i++) {
            long t = System.nanoTime();
            long c = threads.getCurrentThreadCpuTime();
            hits += index.search(new IndexRequest(qs.get(i % qs.size()), null, null, regex, 20, Duration.ofSeconds(5)))
                    .hits()
                    .size();
            ms[i] = (System.nanoTime() - t) / 1000;
            cpu[i] = (threads.getCurrentThreadCpuTime() - c) / 1000;
        }
        Arrays.sort(ms);
        Arrays.sort(cpu);
        out.printf(
                "query %-18s wall p50 %6.1f p95 %6.1f max %6.1f ms | CPU p50 %6.1f p95 %6.1f ms (%.1f hits avg)%n",
                label,
                ms[ms.length / 2] / 1000.0,
                ms[(int) (ms.length * 0.95)] / 1000.0,
                ms[ms.length - 1] / 1000.0,
                cpu[cpu.length / 2] / 1000.0,
                cpu[(int) (cpu.length * 0.95)] / 1000.0,
                hits / (double) ms.length);
    }

    private static void appendLatency(PrintStream out, TranscriptIndex index, Path file) throws Exception {
        long[] ms = new long[10];
        for (int i = 0; i < ms.length; i++) {
            String word = "freshword" + i + "x" + System.nanoTime();
            String line = "{\"type\":\"user\",\"isSidechain\":false,\"message\":{\"role\":\"user\",\"content\":\"please"
                    + " look at " + word + "\"},\"timestamp\":\"" + Instant.now() + "\",\"sessionId\":\"x\",\"cwd\":"
                    + "\"/home/dev/project0\"}\n";
            long t = System.nanoTime();
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            while (index.search(new IndexRequest(word, null, null, false, 1, Duration.ofSeconds(1)))
                    .hits()
                    .isEmpty()) {
                Thread.sleep(2);
            }
            ms[i] = (System.nanoTime() - t) / 1_000_000;
        }
        Arrays.sort(ms);
        out.printf("append -> searchable: p50 %d ms, max %d ms (10 prompts)%n", ms[ms.length / 2], ms[ms.length - 1]);
    }

    private static Thread sampler(AtomicLong peak) {
        Thread t = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(rss(), Math::max);
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    /** This process's resident set (bytes), from /proc. */
    static long rss() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (l.startsWith("VmRSS:")) {
                    return Long.parseLong(l.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }
}
