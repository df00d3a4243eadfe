package dev.claudemesh.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.claudemesh.transcript.SearchOptions;
import dev.claudemesh.transcript.SearchResult;
import dev.claudemesh.transcript.TranscriptFile;
import dev.claudemesh.transcript.TranscriptHistory;
import dev.claudemesh.transcript.TranscriptLocator;
import dev.claudemesh.transcript.TranscriptReader;
import dev.claudemesh.transcript.TranscriptSearch;
import dev.claudemesh.transcript.Turn;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Transcript search/read figures on a generated ~200 MB transcript (targets: substring search ≤ 1 s, regex ≤ 2 s,
 * flat memory). Run with a small heap to prove memory stays flat, e.g. {@code java -Xmx256m ... TranscriptBench
 * [sizeMiB]}.
 */
public final class TranscriptBench {
    static final String CANARY = "ZEBRA-CANARY";
    private static final int RUNS = 5;

    private TranscriptBench() {}

    public static void main(String[] args) {
        int mib = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        run(System.out, mib);
    }

    public static void run(PrintStream out) {
        run(out, 200);
    }

    /** Writes a realistic transcript of about {@code bytes} bytes; returns its number of turns. */
    public static int generate(Path path, long bytes) throws IOException {
        return new Generator(new Random(42)).write(path, bytes);
    }

    static void run(PrintStream out, int sizeMiB) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("claudemesh-transcript-bench");
            Path project = Files.createDirectories(dir.resolve("claude/projects/-bench-work"));
            Path path = project.resolve("0f0e0d0c-bench.jsonl");
            long t0 = System.nanoTime();
            int turns = generate(path, (long) sizeMiB << 20);
            out.printf(
                    "transcript: %.1f MiB, %d turns, %d lines, generated in %d ms%n",
                    Files.size(path) / 1048576.0, turns, countLines(path), (System.nanoTime() - t0) / 1_000_000);
            out.printf("heap: max %d MiB%n", Runtime.getRuntime().maxMemory() >> 20);
            TranscriptFile file = new TranscriptLocator(dir.resolve("claude")).resolve(path.toString());
            measure(out, file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (dir != null) {
                deleteTree(dir);
            }
        }
    }

    private static void measure(PrintStream out, TranscriptFile file) {
        TranscriptSearch search = new TranscriptSearch();
        SearchOptions opts = SearchOptions.defaults().withMaxResults(1000).withTimeBudget(Duration.ofSeconds(60));
        timed(out, "substring, rare (full scan)", () -> summary(search.search(file, "zebra-canary", opts)));
        timed(
                out,
                "substring, case-sensitive rare",
                () -> summary(search.search(file, CANARY, opts.withCaseSensitive(true))));
        timed(
                out,
                "substring, common word (cap 50)",
                () -> summary(search.search(
                        file, "exception", SearchOptions.defaults().withContextTurns(2))));
        timed(
                out,
                "regex ERR-\\d{4}-[A-Z]{3} (full scan)",
                () -> summary(search.search(file, "ERR-\\d{4}-[A-Z]{3}", opts.withRegex(true))));
        timed(
                out,
                "regex (timeout|refused) after \\d+ ms",
                () -> summary(search.search(file, "(timeout|refused) after \\d+ ms", opts.withRegex(true))));
        timed(
                out,
                "regex no literal \\b[A-Z]{3}\\d{4}\\b (worst case)",
                2,
                () -> summary(search.search(file, "\\b[A-Z]{3}\\d{4}\\b", opts.withRegex(true))));
        TranscriptReader[] reader = {new TranscriptReader()};
        timed(out, "read_history last 20, cold index", () -> {
            reader[0] = new TranscriptReader();
            return history(reader[0].readHistory(file, 20, true));
        });
        timed(out, "read_history last 20, warm index", () -> history(reader[0].readHistory(file, 20, true)));
        timed(out, "get_turn (middle), warm index", () -> {
            int n = reader[0].countTurns(file);
            Turn t = reader[0].getTurn(file, n / 2, false);
            return "turn " + t.index() + ", " + t.entries().size() + " entries";
        });
    }

    /** The no-literal regex on a generated transcript of {@code sizeMiB}: wall time per search in ms. */
    static Stats regexWithoutLiteral(PrintStream out, int sizeMiB, int runs) throws IOException {
        Path dir = Files.createTempDirectory("claudemesh-regex-bench");
        try {
            Path project = Files.createDirectories(dir.resolve("claude/projects/-bench-work"));
            Path path = project.resolve("0f0e0d0c-bench.jsonl");
            generate(path, (long) sizeMiB << 20);
            TranscriptFile file = new TranscriptLocator(dir.resolve("claude")).resolve(path.toString());
            TranscriptSearch search = new TranscriptSearch();
            SearchOptions opts = SearchOptions.defaults()
                    .withMaxResults(1000)
                    .withTimeBudget(Duration.ofSeconds(60))
                    .withRegex(true);
            double[] ms = new double[runs];
            String what = "";
            for (int i = 0; i < runs; i++) {
                long t = System.nanoTime();
                what = summary(search.search(file, "\\b[A-Z]{3}\\d{4}\\b", opts));
                ms[i] = (System.nanoTime() - t) / 1e6;
            }
            out.printf(
                    "regex without a literal on %.0f MiB: %s | %s%n",
                    Files.size(path) / 1048576.0, Stats.of(ms).format("ms"), what);
            return Stats.of(ms);
        } finally {
            deleteTree(dir);
        }
    }

    private static String summary(SearchResult r) {
        return r.hits().size() + " hits" + (r.reachedMaxResults() ? " (cap)" : "")
                + (r.reachedTimeBudget() ? " (time bound)" : "") + ", " + r.turnsScanned() + " turns, "
                + (r.bytesScanned() >> 20) + " MiB scanned";
    }

    private static String history(TranscriptHistory h) {
        int chars = h.turns().stream()
                .flatMap(t -> t.entries().stream())
                .mapToInt(e -> e.text().length())
                .sum();
        return h.turns().size() + " of " + h.totalTurns() + " turns, " + chars + " chars";
    }

    private static void timed(PrintStream out, String label, Supplier<String> op) {
        timed(out, label, RUNS, op);
    }

    private static void timed(PrintStream out, String label, int runs, Supplier<String> op) {
        System.gc();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        AtomicLong peak = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        long[] ms = new long[runs];
        String what = "";
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            what = op.get();
            ms[i] = (System.nanoTime() - t) / 1_000_000;
        }
        sampler.interrupt();
        long[] sorted = ms.clone();
        Arrays.sort(sorted);
        out.printf(
                "%-48s first %5d ms, median %5d ms, best %5d ms | peak heap used %4d MiB | %s%n",
                label, ms[0], sorted[runs / 2], sorted[0], peak.get() >> 20, what);
    }

    private static long countLines(Path path) throws IOException {
        try (Stream<String> lines = Files.lines(path)) {
            return lines.count();
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: it is a temp dir
        }
    }

    /** Writes Claude Code-shaped records: prompts, assistant text, tool calls with sizeable output, hooks. */
    private static final class Generator {
        private static final String[] WORDS = ("the a to of and in is it for on with as this that be by are from at"
                        + " or an was function class return value error exception null string list map file path"
                        + " config server client request response timeout retry build test maven java kotlin"
                        + " session message turn prompt token cache index search query result output input"
                        + " thread lock queue worker daemon socket port bind listen accept close open read write"
                        + " update delete insert select table column row schema migration version release deploy")
                .split(" ");
        private final Random rnd;
        private final JsonFactory factory = new JsonFactory();
        private Instant clock = Instant.parse("2026-01-01T00:00:00Z");
        private long uuid;
        private int canariesLeft = 5;

        Generator(Random rnd) {
            this.rnd = rnd;
        }

        int write(Path path, long targetBytes) throws IOException {
            int turns = 0;
            long[] canaryAt = {
                targetBytes / 10, targetBytes * 3 / 10, targetBytes / 2, targetBytes * 7 / 10, targetBytes * 99 / 100
            };
            try (CountingStream counter =
                            new CountingStream(new BufferedOutputStream(Files.newOutputStream(path), 1 << 16));
                    JsonGenerator g = factory.createGenerator(counter)) {
                g.setRootValueSeparator(null);
                while (counter.count < targetBytes) {
                    turns++;
                    record(
                            g,
                            "user",
                            null,
                            () -> g.writeStringField(
                                    "content", "Turn " + rnd.nextInt(1000) + ": " + words(20 + rnd.nextInt(80)) + "?"));
                    if (rnd.nextInt(4) == 0) {
                        hook(g);
                    }
                    int tools = 2 + rnd.nextInt(7);
                    for (int k = 0; k < tools; k++) {
                        assistantText(g, words(15 + rnd.nextInt(80)));
                        String id = "toolu_" + Long.toHexString(++uuid);
                        toolUse(g, id);
                        boolean canary = canariesLeft > 0 && counter.count >= canaryAt[5 - canariesLeft];
                        if (canary) {
                            canariesLeft--;
                        }
                        toolResult(g, id, output(canary));
                    }
                    assistantText(g, words(30 + rnd.nextInt(120)));
                    system(g);
                    g.flush();
                }
            }
            return turns;
        }

        private String words(int n) {
            StringBuilder sb = new StringBuilder(n * 7);
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    sb.append(' ');
                }
                sb.append(WORDS[rnd.nextInt(WORDS.length)]);
            }
            return sb.toString();
        }

        private String output(boolean canary) {
            int roll = rnd.nextInt(100);
            int bytes = roll < 70
                    ? 500 + rnd.nextInt(4500)
                    : roll < 95 ? 5000 + rnd.nextInt(35000) : 40000 + rnd.nextInt(160000);
            StringBuilder sb = new StringBuilder(bytes + 100);
            int line = 1;
            while (sb.length() < bytes) {
                sb.append("src/main/java/dev/app/Module")
                        .append(rnd.nextInt(50))
                        .append(".java:")
                        .append(line++)
                        .append(": ")
                        .append(words(6 + rnd.nextInt(10)));
                int special = rnd.nextInt(2000);
                if (special == 0) {
                    sb.append(" ERR-").append(1000 + rnd.nextInt(9000)).append("-QXZ");
                } else if (special == 1) {
                    sb.append(" connection refused after ")
                            .append(rnd.nextInt(5000))
                            .append(" ms");
                } else if (special == 2) {
                    sb.append(" \"quoted\" \ttab ünïcödé 漢字");
                }
                sb.append('\n');
            }
            if (canary) {
                sb.append(CANARY).append(" found here\n");
            }
            return sb.toString();
        }

        private void assistantText(JsonGenerator g, String text) throws IOException {
            record(g, "assistant", "text", () -> g.writeStringField("text", text));
        }

        private void toolUse(JsonGenerator g, String id) throws IOException {
            record(g, "assistant", "tool_use", () -> {
                g.writeStringField("id", id);
                g.writeStringField("name", "Bash");
                g.writeObjectFieldStart("input");
                g.writeStringField("command", "grep -rn " + WORDS[rnd.nextInt(WORDS.length)] + " src");
                g.writeStringField("description", words(6));
                g.writeEndObject();
            });
        }

        private void toolResult(JsonGenerator g, String id, String output) throws IOException {
            start(g, "user");
            g.writeObjectFieldStart("message");
            g.writeStringField("role", "user");
            g.writeArrayFieldStart("content");
            g.writeStartObject();
            g.writeStringField("tool_use_id", id);
            g.writeStringField("type", "tool_result");
            g.writeStringField("content", output);
            g.writeBooleanField("is_error", false);
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
            g.writeObjectFieldStart("toolUseResult");
            g.writeStringField("stdout", output);
            g.writeStringField("stderr", "");
            g.writeBooleanField("interrupted", false);
            g.writeEndObject();
            end(g);
        }

        private void hook(JsonGenerator g) throws IOException {
            start(g, "attachment");
            g.writeObjectFieldStart("attachment");
            g.writeStringField("type", "hook_additional_context");
            g.writeArrayFieldStart("content");
            g.writeString("context " + words(5));
            g.writeEndArray();
            g.writeStringField("hookEvent", "UserPromptSubmit");
            g.writeEndObject();
            end(g);
        }

        private void system(JsonGenerator g) throws IOException {
            start(g, "system");
            g.writeStringField("subtype", "turn_duration");
            g.writeNumberField("durationMs", rnd.nextInt(100000));
            end(g);
        }

        private interface Body {
            void write() throws IOException;
        }

        /** A user/assistant record whose message holds a string (blockType null) or one content block. */
        private void record(JsonGenerator g, String type, String blockType, Body body) throws IOException {
            start(g, type);
            g.writeObjectFieldStart("message");
            if ("assistant".equals(type)) {
                g.writeStringField("id", "msg_" + Long.toHexString(uuid));
                g.writeStringField("model", "claude-opus-5-5");
            }
            g.writeStringField("role", type);
            if (blockType == null) {
                body.write();
            } else {
                g.writeArrayFieldStart("content");
                g.writeStartObject();
                g.writeStringField("type", blockType);
                body.write();
                g.writeEndObject();
                g.writeEndArray();
            }
            if ("assistant".equals(type)) {
                g.writeObjectFieldStart("usage");
                g.writeNumberField("input_tokens", rnd.nextInt(50000));
                g.writeNumberField("output_tokens", rnd.nextInt(2000));
                g.writeEndObject();
            }
            g.writeEndObject();
            end(g);
        }

        private void start(JsonGenerator g, String type) throws IOException {
            g.writeStartObject();
            g.writeStringField("parentUuid", "00000000-0000-4000-8000-" + String.format("%012x", uuid));
            g.writeBooleanField("isSidechain", false);
            g.writeStringField("type", type);
        }

        private void end(JsonGenerator g) throws IOException {
            clock = clock.plusMillis(100 + rnd.nextInt(5000));
            g.writeStringField("uuid", "00000000-0000-4000-8000-" + String.format("%012x", ++uuid));
            g.writeStringField("timestamp", clock.toString());
            g.writeStringField("sessionId", "0f0e0d0c-bench");
            g.writeStringField("cwd", "/home/dev/work");
            g.writeStringField("version", "2.1.332");
            g.writeStringField("gitBranch", "main");
            g.writeEndObject();
            g.writeRaw('\n');
        }
    }

    /** Counts bytes written so the generator knows when it reached the target size. */
    private static final class CountingStream extends OutputStream {
        private final OutputStream out;
        long count;

        CountingStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
