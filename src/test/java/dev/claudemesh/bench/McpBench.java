package dev.claudemesh.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.claudemesh.install.LauncherScript;
import dev.claudemesh.support.Sleepers;
import dev.claudemesh.support.TestDaemon;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The MCP server's figures (DESIGN.md: resident memory ≤ 64 MiB per session): start time (spawn → initialize
 * response) and resident memory (VmRSS, and PSS which counts shared pages fairly) after initialize and a round of
 * tool calls, for the JVM flags the installed launcher uses, with and without an AppCDS archive of the MCP path,
 * and for plain {@code java -jar}. Then search_history / read_history through MCP on a generated ~200 MB
 * transcript. Needs the shaded jar (system property {@code claudemesh.jar}, default target/claudemesh.jar).
 */
public final class McpBench {
    static final int RUNS = 7;
    private static final ObjectMapper JSON = new ObjectMapper();

    private McpBench() {}

    public static void main(String[] args) throws Exception {
        run(System.out, args.length > 0 ? Integer.parseInt(args[0]) : 200);
        System.exit(0);
    }

    public static void run(PrintStream out) throws Exception {
        run(out, 200);
    }

    static void run(PrintStream out, int transcriptMiB) throws Exception {
        Path jar = Path.of(System.getProperty("claudemesh.jar", "target/claudemesh.jar"))
                .toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no shaded jar at " + jar + "; run `mvn -o package -DskipTests` first");
        }
        Path tmp = Files.createTempDirectory("claudemesh-mcp-bench");
        try (Sleepers sleepers = new Sleepers();
                TestDaemon d = TestDaemon.start(tmp.resolve("mesh"), tmp.resolve("claude"))) {
            Path transcript = tmp.resolve("claude/projects/-bench-work/0f0e0d0c-mcp-bench.jsonl");
            Files.createDirectories(transcript.getParent());
            long t0 = System.nanoTime();
            int turns = TranscriptBench.generate(transcript, (long) transcriptMiB << 20);
            String id = d.client
                    .post(
                            "/v1/sessions",
                            Map.of(
                                    "session_id",
                                    "0f0e0d0c-mcp-bench",
                                    "pid",
                                    sleepers.start(),
                                    "cwd",
                                    "/bench/work",
                                    "transcript_path",
                                    transcript.toString()))
                    .path("session")
                    .path("id")
                    .asText();
            String java = ProcessHandle.current().info().command().orElse("java");
            Map<String, String> env = Map.of("CLAUDEMESH_HOME", d.home.dir().toString(), "CLAUDEMESH_SESSION", id);
            out.printf(
                    "java %s, %d cores; transcript %.0f MiB, %d turns (generated in %d ms)%n",
                    System.getProperty("java.version"),
                    Runtime.getRuntime().availableProcessors(),
                    Files.size(transcript) / 1048576.0,
                    turns,
                    (System.nanoTime() - t0) / 1_000_000);

            List<String> launcher = new ArrayList<>(LauncherScript.FAST_FLAGS);
            launcher.addAll(LauncherScript.COMMON_FLAGS);
            out.println("launcher flags: " + String.join(" ", launcher));
            Path jsa = tmp.resolve("mcp.jsa");
            train(java, launcher, jar, jsa, env);
            List<String> withCds = new ArrayList<>(launcher);
            withCds.add("-XX:SharedArchiveFile=" + jsa);

            out.printf(
                    "%-34s %10s %10s %10s %10s%n",
                    "MCP server (" + RUNS + " runs, median)", "start ms", "RSS MiB", "PSS MiB", "max RSS");
            measure(out, "launcher flags", command(java, launcher, jar), env);
            measure(out, "launcher flags + MCP AppCDS", command(java, withCds, jar), env);
            measure(out, "java -jar (JVM defaults)", command(java, List.of(), jar), env);

            try (McpProcess p = McpProcess.start(command(java, launcher, jar), env)) {
                p.initialize();
                out.println("through MCP (launcher flags), " + transcriptMiB + " MiB transcript:");
                timed(
                        out,
                        p,
                        "search_history substring, rare (full scan)",
                        "search_history",
                        Map.of("id", id, "query", "zebra-canary", "options", Map.of("max_results", 200)));
                timed(
                        out,
                        p,
                        "search_history regex ERR-\\d{4}-[A-Z]{3}",
                        "search_history",
                        Map.of(
                                "id",
                                id,
                                "query",
                                "ERR-\\d{4}-[A-Z]{3}",
                                "options",
                                Map.of("regex", true, "max_results", 200)));
                timed(
                        out,
                        p,
                        "read_history last_n_turns 20 (first call)",
                        "read_history",
                        Map.of("id", id, "last_n_turns", 20));
                timed(
                        out,
                        p,
                        "read_history last_n_turns 20 (again)",
                        "read_history",
                        Map.of("id", id, "last_n_turns", 20));
                Memory m = Memory.of(p.pid());
                out.printf("MCP server after these calls: RSS %.1f MiB, PSS %.1f MiB%n", m.rssMiB(), m.pssMiB());
            }
        } finally {
            try (Stream<Path> walk = Files.walk(tmp)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    static List<String> command(String java, List<String> flags, Path jar) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.addAll(flags);
        cmd.addAll(List.of("-jar", jar.toString(), "mcp"));
        return cmd;
    }

    /** One run of the MCP path that dumps the loaded classes into a dynamic AppCDS archive. */
    static void train(String java, List<String> flags, Path jar, Path jsa, Map<String, String> env) throws Exception {
        List<String> f = new ArrayList<>(flags);
        f.add("-XX:ArchiveClassesAtExit=" + jsa);
        try (McpProcess p = McpProcess.start(command(java, f, jar), env)) {
            p.initialize();
            calls(p);
        }
        if (!Files.exists(jsa)) {
            throw new IllegalStateException("the CDS training run wrote no archive");
        }
    }

    static void calls(McpProcess p) throws Exception {
        p.request("tools/list", null);
        p.call("whoami", Map.of());
        p.call("list_instances", Map.of());
        p.call("read_history", Map.of("id", "work", "last_n_turns", 3));
        p.call("search_history", Map.of("id", "work", "query", "exception", "options", Map.of("max_results", 5)));
        p.call("send_message", Map.of("to", "nobody-here", "body", "x"));
    }

    static void measure(PrintStream out, String label, List<String> cmd, Map<String, String> env) throws Exception {
        long[] start = new long[RUNS];
        double[] rss = new double[RUNS];
        double[] pss = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            try (McpProcess p = McpProcess.start(cmd, env)) {
                p.initialize();
                start[i] = p.initializedMillis();
                calls(p);
                Thread.sleep(200);
                Memory m = Memory.of(p.pid());
                rss[i] = m.rssMiB();
                pss[i] = m.pssMiB();
            }
        }
        Arrays.sort(start);
        double maxRss = Arrays.stream(rss).max().orElse(0);
        Arrays.sort(rss);
        Arrays.sort(pss);
        out.printf("%-34s %10d %10.1f %10.1f %10.1f%n", label, start[RUNS / 2], rss[RUNS / 2], pss[RUNS / 2], maxRss);
    }

    static void timed(PrintStream out, McpProcess p, String label, String tool, Map<String, Object> args)
            throws Exception {
        long t0 = System.nanoTime();
        JsonNode r = p.call(tool, args);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        JsonNode body = JSON.readTree(r.path("content").get(0).path("text").asText());
        String what = r.path("isError").asBoolean()
                ? "error: " + r.path("content").get(0).path("text").asText()
                : tool.equals("search_history")
                        ? body.path("count").asInt() + " hits, complete "
                                + body.path("complete").asBoolean()
                        : body.path("turns").size() + " turns of "
                                + body.path("total_turns").asInt();
        int chars = r.path("content").get(0).path("text").asText().length();
        out.printf("  %-44s %6d ms  (%s; %d KiB of text)%n", label, ms, what, chars >> 10);
    }

    /** Resident memory of a process from /proc: VmRSS, and PSS (shared pages divided among their users). */
    record Memory(double rssMiB, double pssMiB) {
        static Memory of(long pid) throws IOException {
            return new Memory(
                    kib(Path.of("/proc/" + pid + "/status"), "VmRSS:") / 1024.0,
                    kib(Path.of("/proc/" + pid + "/smaps_rollup"), "Pss:") / 1024.0);
        }

        private static long kib(Path file, String key) throws IOException {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
                }
            }
            return -1;
        }
    }

    /** {@code claudemesh mcp} as a child process with a line-based JSON-RPC exchange. */
    static final class McpProcess implements AutoCloseable {
        private final Process process;
        private final long startNanos;
        private final OutputStream in;
        private final BufferedReader out;
        private long initializedNanos;
        private long ids;

        private McpProcess(Process process, long startNanos) {
            this.process = process;
            this.startNanos = startNanos;
            this.in = process.getOutputStream();
            this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        static McpProcess start(List<String> cmd, Map<String, String> env) throws IOException {
            ProcessBuilder pb = new ProcessBuilder(cmd);
            pb.environment().putAll(env);
            pb.redirectError(ProcessBuilder.Redirect.to(new File("/dev/null")));
            long t0 = System.nanoTime();
            return new McpProcess(pb.start(), t0);
        }

        long pid() {
            return process.pid();
        }

        void initialize() throws Exception {
            request(
                    "initialize",
                    Map.of(
                            "protocolVersion", "2025-11-25",
                            "capabilities", Map.of(),
                            "clientInfo", Map.of("name", "bench", "version", "1")));
            initializedNanos = System.nanoTime();
            send(Map.of("jsonrpc", "2.0", "method", "notifications/initialized"));
        }

        long initializedMillis() {
            return (initializedNanos - startNanos) / 1_000_000;
        }

        JsonNode call(String tool, Map<String, Object> args) throws Exception {
            return request("tools/call", Map.of("name", tool, "arguments", args))
                    .path("result");
        }

        JsonNode request(String method, Object params) throws Exception {
            long id = ++ids;
            Map<String, Object> req = new LinkedHashMap<>();
            req.put("jsonrpc", "2.0");
            req.put("id", id);
            req.put("method", method);
            if (params != null) {
                req.put("params", params);
            }
            send(req);
            for (String line; (line = out.readLine()) != null; ) {
                JsonNode n = JSON.readTree(line);
                if (n.path("id").asLong(-1) == id) {
                    return n;
                }
            }
            throw new IOException("the MCP server closed its output");
        }

        private void send(Object message) throws IOException {
            in.write(JSON.writeValueAsBytes(message));
            in.write('\n');
            in.flush();
        }

        @Override
        public void close() throws Exception {
            in.close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
