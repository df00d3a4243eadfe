package dev.claudemesh.bench;

import dev.claudemesh.config.DaemonState;
import dev.claudemesh.config.JvmFlags;
import dev.claudemesh.config.MeshHome;
import dev.claudemesh.config.Token;
import dev.claudemesh.install.LauncherScript;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a young daemon costs per thin hook request: a fresh {@code claudemesh daemon} from the installed launcher
 * answers the thin UserPromptSubmit, StatusLine and Stop routes in turn (as one prompt of claude calls them: HTTP/1.0,
 * Connection: close, claude's hook JSON, a registered session), one after another; for the requests 1-10, 11-100,
 * 101-1000 and 1001-3000 it prints the daemon's CPU per request (utime+stime of {@code /proc/<pid>/stat}, all its
 * threads, and the share of its JIT compiler threads) and the wall time per route (client included). Each variant
 * (JVM flags, warm-up on or off) gets its own daemon, run as the launcher runs it, in the same run; the reference is
 * {@code GET /v1/health} on the last, warm daemon.
 * {@code packaging/bench daemon-young [pause-seconds]}: the pause between the daemon's start and the first request
 * (default 5: the user reads claude's banner and types a prompt; the CPU spent meanwhile is printed too).
 */
public final class DaemonYoungBench {
    static final int[] BRACKETS = {10, 100, 1000, 3000};
    static final String[] ROUTES = {"UserPromptSubmit", "StatusLine", "Stop"};
    static final long TICK_NANOS = 1_000_000_000L / 100; // USER_HZ

    /** A daemon to measure: its JVM flags (in place of {@link JvmFlags#DAEMON}) and extra ones (system properties). */
    record Variant(String name, List<String> flags, String extra) {}

    /**
     * The daemons to compare, twice each, interleaved: as before (C1 and C2, the Javalin route, no warm-up), then one
     * change at a time up to as installed; or {@code -Dbench.variants="name=extra flags;name=..."} (each on top of {@link
     * JvmFlags#DAEMON}).
     */
    static List<Variant> variants(String spec) {
        List<Variant> out = new ArrayList<>();
        if (spec == null || spec.isBlank()) {
            String cold = "-Dclaudemesh.warmup=false";
            String javalin = " -Dclaudemesh.thin.raw=false";
            for (int round = 0; round < 2; round++) {
                out.add(new Variant(
                        "before (C1+C2, Javalin route, no warm-up)",
                        List.of("-XX:+UseSerialGC", "-Xmx512m"),
                        cold + javalin));
                out.add(new Variant("C1 only, Javalin route, no warm-up", JvmFlags.DAEMON, cold + javalin));
                out.add(new Variant("C1 only, plain handler, no warm-up", JvmFlags.DAEMON, cold));
                out.add(new Variant("as installed (C1 only, plain handler, warm-up)", JvmFlags.DAEMON, ""));
            }
            return out;
        }
        for (String v : spec.split(";")) {
            String[] kv = v.split("=", 2);
            out.add(new Variant(kv[0], JvmFlags.DAEMON, kv.length > 1 ? kv[1] : ""));
        }
        return out;
    }

    public static void main(String[] args) throws Exception {
        run(System.out, args);
    }

    public static void run(PrintStream out, String... args) throws Exception {
        int pause = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        List<Variant> variants = variants(System.getProperty("bench.variants"));
        Path root = Files.createTempDirectory("claudemesh-young");
        Path meshHome = root.resolve(".claudemesh");
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("CLAUDE_CONFIG_DIR", root.resolve(".claude").toString());
        InstalledHome.install(root, env);
        Path launcher = meshHome.resolve("bin/claudemesh");
        out.printf(
                "daemon-young: fresh daemons from the installed launcher, %s in turn, HTTP/1.0 one after another,"
                        + " first request %d s after the daemon answers; load average before: %s%n",
                String.join("/", ROUTES), pause, loadAverage());
        Process claude = new ProcessBuilder("sleep", "3600").start();
        try {
            for (Variant v : variants) {
                measure(out, launcher, env, v, claude.pid(), pause, v == variants.get(variants.size() - 1));
            }
        } finally {
            claude.destroyForcibly();
            deleteTree(root);
        }
        out.printf("  load average after: %s%n", loadAverage());
    }

    static void measure(
            PrintStream out, Path launcher, Map<String, String> env, Variant v, long claudePid, int pause, boolean ref)
            throws Exception {
        Path dir = Files.createTempDirectory(launcher.getParent().getParent().getParent(), "home");
        MeshHome home = new MeshHome(dir);
        home.ensure();
        Files.writeString(home.configFile(), "{\"port\": 0, \"notify\": \"off\"}");
        // what the launcher runs for `daemon`, with the variant's flags
        Path lib = launcher.getParent().getParent().resolve("lib");
        List<String> cmd = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-XX:SharedArchiveFile=" + lib.resolve("claudemesh-cli.jsa")));
        cmd.addAll(v.flags());
        if (!v.extra().isBlank()) {
            cmd.addAll(List.of(v.extra().trim().split("\\s+")));
        }
        cmd.addAll(LauncherScript.COMMON_FLAGS);
        cmd.addAll(List.of("-jar", lib.resolve("claudemesh.jar").toString(), "daemon", "--if-absent"));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.environment().put("CLAUDEMESH_HOME", dir.toString());
        pb.redirectErrorStream(true).redirectOutput(dir.resolve("stdout").toFile());
        Process daemon = pb.start();
        try {
            DaemonState st = awaitState(home, daemon);
            int port = st.port();
            String token = Token.read(home.tokenFile());
            String sid = "0f0e0d0c-0b0a-4909-8807-060504030201";
            long startCpu = cpuTicks(daemon.pid())[0];
            int reg = post(
                            port,
                            token,
                            "/v1/sessions",
                            "{\"session_id\":\"" + sid + "\",\"pid\":" + claudePid + ",\"cwd\":\"/tmp/bench/young\"}")
                    .status;
            if (reg != 200) {
                throw new IllegalStateException("registration answered " + reg);
            }
            long[] before = cpuTicks(daemon.pid());
            Thread.sleep(pause * 1000L);
            long[] atFirst = cpuTicks(daemon.pid());
            out.printf(
                    "  %s (%s): daemon CPU %d ms to start and register, %d ms in the %d s pause%n",
                    v.name(),
                    String.join(" ", v.flags()) + (v.extra().isBlank() ? "" : " " + v.extra()),
                    startCpu * 10,
                    (atFirst[0] - before[0]) * 10,
                    pause);
            String body = "{\"session_id\":\"" + sid + "\",\"transcript_path\":\"/tmp/bench/t.jsonl\","
                    + "\"cwd\":\"/tmp/bench/young\",\"permission_mode\":\"default\",\"hook_event_name\":\"%s\"%s}";
            int from = 0;
            long[] cpuFrom = atFirst;
            for (int upTo : BRACKETS) {
                List<List<Long>> wall = new ArrayList<>();
                for (int r = 0; r < ROUTES.length; r++) {
                    wall.add(new ArrayList<>());
                }
                for (int i = from; i < upTo; i++) {
                    int r = i % ROUTES.length;
                    String extra = switch (ROUTES[r]) {
                        case "UserPromptSubmit" -> ",\"prompt\":\"run the tests please " + i + "\"";
                        case "Stop" -> ",\"stop_hook_active\":false";
                        default -> ",\"model\":{\"id\":\"claude-x\"},\"session_name\":\"young\"";
                    };
                    long t0 = System.nanoTime();
                    Answer a = post(
                            port,
                            token,
                            "/v1/thin/" + ROUTES[r] + "?claude_pid=" + claudePid + "&hook_pid=" + claudePid,
                            String.format(body, ROUTES[r], extra));
                    wall.get(r).add(System.nanoTime() - t0);
                    if (a.status != 200) {
                        throw new IllegalStateException(ROUTES[r] + " answered " + a.status + ": " + a.body);
                    }
                }
                long[] cpuTo = cpuTicks(daemon.pid());
                int n = upTo - from;
                StringBuilder walls = new StringBuilder();
                for (int r = 0; r < ROUTES.length; r++) {
                    Stats s = Stats.ofNanos(
                            wall.get(r).stream().mapToLong(Long::longValue).toArray(), 1e6);
                    walls.append(String.format("  %s %.2f", ROUTES[r], s.median()));
                }
                out.printf(
                        "    requests %4d-%-4d  CPU %5.2f ms/request (JIT %s)   wall median ms:%s%n",
                        from + 1,
                        upTo,
                        (cpuTo[0] - cpuFrom[0]) * 10.0 / n,
                        jitShare(cpuTo[0] - cpuFrom[0], cpuTo[1] - cpuFrom[1]),
                        walls);
                from = upTo;
                cpuFrom = cpuTo;
            }
            if (ref) {
                int n = 600;
                long[] w = new long[n];
                long[] c0 = cpuTicks(daemon.pid());
                for (int i = 0; i < n; i++) {
                    long t0 = System.nanoTime();
                    get(port, token, "/v1/health");
                    w[i] = System.nanoTime() - t0;
                }
                long[] c1 = cpuTicks(daemon.pid());
                out.printf(
                        "    reference: GET /v1/health on this warm daemon, %d requests: CPU %.2f ms/request, wall"
                                + " median %.2f ms%n",
                        n, (c1[0] - c0[0]) * 10.0 / n, Stats.ofNanos(w, 1e6).median());
            }
            out.printf(
                    "    total daemon CPU %d ms, of it JIT compiler threads %d ms%n",
                    cpuTicks(daemon.pid())[0] * 10, cpuTicks(daemon.pid())[1] * 10);
        } finally {
            daemon.destroy();
            daemon.waitFor();
        }
    }

    /** The JIT threads' share of {@code total}; "?" when a compiler thread ended meanwhile (its time left with it). */
    static String jitShare(long total, long jit) {
        return total <= 0 || jit < 0 ? "  ?" : String.format("%3.0f%%", 100.0 * jit / total);
    }

    static DaemonState awaitState(MeshHome home, Process daemon) throws Exception {
        for (int i = 0; i < 600; i++) {
            var st = DaemonState.read(home.stateFile());
            if (st.isPresent() && st.get().pid() == daemon.pid()) {
                return st.get();
            }
            if (!daemon.isAlive()) {
                throw new IllegalStateException("the daemon exited " + daemon.exitValue());
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the daemon did not start in 30 s");
    }

    /** {utime+stime of the whole process, utime+stime of its live JIT compiler threads}, in clock ticks. */
    static long[] cpuTicks(long pid) throws Exception {
        long total = ticks(Files.readString(Path.of("/proc/" + pid + "/stat")));
        long jit = 0;
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path t : tasks.toList()) {
                try {
                    String stat = Files.readString(t.resolve("stat"));
                    String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    if (comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler")) {
                        jit += ticks(stat);
                    }
                } catch (java.io.IOException gone) {
                    // the thread ended meanwhile
                }
            }
        }
        return new long[] {total, jit};
    }

    private static long ticks(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14 and 15: utime, stime
    }

    static void deleteTree(Path root) throws java.io.IOException {
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    static String loadAverage() throws Exception {
        String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return f[0] + " " + f[1] + " " + f[2];
    }

    record Answer(int status, String head, String body) {}

    static Answer post(int port, String token, String path, String body) throws Exception {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        return exchange(
                port,
                "POST " + path + " HTTP/1.0\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: Bearer "
                        + token + "\r\nContent-Type: application/json\r\nX-Claudemesh-Builtin: 0\r\n"
                        + "X-Claudemesh-Claude-Config: \r\nContent-Length: " + b.length
                        + "\r\nConnection: close\r\n\r\n",
                b);
    }

    static Answer get(int port, String token, String path) throws Exception {
        return exchange(
                port,
                "GET " + path + " HTTP/1.0\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: Bearer " + token
                        + "\r\nConnection: close\r\n\r\n",
                new byte[0]);
    }

    static Answer exchange(int port, String head, byte[] body) throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(30_000);
            OutputStream o = s.getOutputStream();
            ByteArrayOutputStream req = new ByteArrayOutputStream();
            req.write(head.getBytes(StandardCharsets.US_ASCII));
            req.write(body);
            o.write(req.toByteArray());
            o.flush();
            InputStream in = s.getInputStream();
            String all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int split = all.indexOf("\r\n\r\n");
            String h = split < 0 ? all : all.substring(0, split);
            int status = h.length() >= 12 ? Integer.parseInt(h.substring(9, 12)) : -1;
            return new Answer(status, h, split < 0 ? "" : all.substring(split + 4));
        }
    }
}
