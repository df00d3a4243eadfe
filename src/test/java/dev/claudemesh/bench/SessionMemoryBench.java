package dev.claudemesh.bench;

import dev.claudemesh.cli.CliMain;
import dev.claudemesh.client.DaemonStarter;
import dev.claudemesh.config.DaemonState;
import dev.claudemesh.config.MeshHome;
import dev.claudemesh.support.Sleepers;
import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What claude spawns for claudemesh per idle session, daemon excluded: the MCP server (after initialize and a round
 * of tool calls) and the parked background Stop waiter, each with everything it runs under it, as resident memory
 * (VmRSS) and PSS ({@code /proc/<pid>/smaps_rollup}, shared pages divided among their users). The thin path (sh +
 * curl, {@code install --hooks thin}) beside the JVM MCP server of the same install, in one run. Needs the shaded
 * jar (system property {@code claudemesh.jar}, default target/claudemesh.jar).
 */
final class SessionMemoryBench {
    static final int RUNS = 3;

    private SessionMemoryBench() {}

    static void run(PrintStream out) throws Exception {
        measure(out);
    }

    /** RSS and PSS summed over a process and its descendants, in KiB. */
    record Kib(long rss, long pss) {
        static Kib of(ProcessHandle p) {
            long rss = 0;
            long pss = 0;
            for (ProcessHandle h : Stream.concat(Stream.of(p), p.descendants()).toList()) {
                rss += field(Path.of("/proc/" + h.pid() + "/status"), "VmRSS:");
                pss += field(Path.of("/proc/" + h.pid() + "/smaps_rollup"), "Pss:");
            }
            return new Kib(rss, pss);
        }

        private static long field(Path file, String key) {
            try {
                for (String line : Files.readAllLines(file)) {
                    if (line.startsWith(key)) {
                        return Long.parseLong(
                                line.substring(key.length()).trim().split("\\s+")[0]);
                    }
                }
            } catch (Exception gone) {
                // ended meanwhile
            }
            return 0;
        }

        String format() {
            return String.format("RSS %.1f MiB, PSS %.1f MiB", rss / 1024.0, pss / 1024.0);
        }

        static Kib median(List<Kib> all) {
            long[] r = all.stream().mapToLong(Kib::rss).sorted().toArray();
            long[] p = all.stream().mapToLong(Kib::pss).sorted().toArray();
            return new Kib(r[r.length / 2], p[p.length / 2]);
        }
    }

    static List<Figure> measure(PrintStream out) throws Exception {
        Path jar = Path.of(System.getProperty("claudemesh.jar", "target/claudemesh.jar"))
                .toAbsolutePath();
        Path tmp = Files.createTempDirectory("claudemesh-session-memory");
        Path home = tmp.resolve("home");
        MeshHome mesh = new MeshHome(home.resolve(".claudemesh"));
        Map<String, String> env = new HashMap<>();
        env.put("HOME", home.toString());
        env.put("PATH", System.getenv("PATH"));
        try (Sleepers sleepers = new Sleepers()) {
            StringWriter err = new StringWriter();
            int rc = CliMain.run(
                    new String[] {"install", "--jar", jar.toString(), "--no-cds", "--hooks", "thin"},
                    env,
                    new ByteArrayInputStream(new byte[0]),
                    new PrintWriter(new StringWriter()),
                    new PrintWriter(err));
            if (rc != 0) {
                throw new IllegalStateException("install --hooks thin failed: " + err);
            }
            new DaemonStarter(mesh).connect(true);
            Path thin = mesh.dir().resolve("thin/claudemesh");
            Path jvm = mesh.dir().resolve("bin/claudemesh");
            long claude = sleepers.start();
            Map<String, String> hookEnv = new HashMap<>(env);
            hookEnv.put("CLAUDE_PID", Long.toString(claude));
            hookEnv.put("CLAUDE_CODE_ENTRYPOINT", "cli");
            String start =
                    "{\"session_id\":\"bench-mem\",\"cwd\":\"/tmp/bench/mem\",\"hook_event_name\":\"SessionStart\","
                            + "\"source\":\"startup\"}";
            String stop = "{\"session_id\":\"bench-mem\",\"cwd\":\"/tmp/bench/mem\",\"hook_event_name\":\"Stop\"}";
            hook(thin, "SessionStart", hookEnv, start);
            hook(thin, "Stop", hookEnv, stop);
            Map<String, String> mcpEnv = new HashMap<>(env);
            mcpEnv.put("CLAUDE_CODE_SESSION_ID", "bench-mem");
            List<Kib> thinMcp = new ArrayList<>();
            List<Kib> jvmMcp = new ArrayList<>();
            List<Kib> waiter = new ArrayList<>();
            Kib daemonBefore = daemon(mesh);
            Kib daemonAfter = null;
            for (int i = 0; i < RUNS; i++) {
                thinMcp.add(mcp(List.of(thin.toString(), "mcp"), mcpEnv));
                if (daemonAfter == null) {
                    daemonAfter = daemon(mesh);
                }
                jvmMcp.add(mcp(List.of(jvm.toString(), "mcp"), mcpEnv));
                waiter.add(waiter(thin, hookEnv, stop));
            }
            Kib m = Kib.median(thinMcp);
            Kib w = Kib.median(waiter);
            Kib j = Kib.median(jvmMcp);
            Kib total = new Kib(m.rss() + w.rss(), m.pss() + w.pss());
            out.printf("per-session memory, %d runs each, median (what claude spawns; daemon excluded):%n", RUNS);
            out.printf("  thin MCP server (sh), idle after tool calls   %s%n", m.format());
            out.printf("  thin Stop waiter parked (sh + bash /dev/tcp)  %s%n", w.format());
            out.printf("  together                                      %s   (target <= 10 MiB)%n", total.format());
            out.printf("  JVM MCP server (reference), same calls        %s%n", j.format());
            Kib daemonEnd = daemon(mesh);
            out.printf(
                    "  the daemon itself: %s before any MCP client, %s after the first thin MCP session (the MCP SDK"
                            + " loaded), %s after all %d thin and %d JVM MCP sessions%n",
                    daemonBefore.format(), daemonAfter.format(), daemonEnd.format(), RUNS, RUNS);
            return List.of(new Figure(
                    "memory per idle session (thin MCP + parked waiter)",
                    total.format() + " (" + RUNS + " runs)",
                    "JVM MCP alone " + j.format(),
                    "<= 10 MiB"));
        } finally {
            stopDaemon(mesh);
            try (Stream<Path> walk = Files.walk(tmp)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The home's daemon process (not per session: what hosting the thin MCP server adds to it is shown apart). */
    static Kib daemon(MeshHome mesh) {
        long pid = DaemonState.read(mesh.stateFile()).orElseThrow().pid();
        return Kib.of(ProcessHandle.of(pid).orElseThrow());
    }

    /** An MCP server after initialize and McpBench's round of tool calls, measured once idle. */
    static Kib mcp(List<String> cmd, Map<String, String> env) throws Exception {
        try (McpBench.McpProcess p = McpBench.McpProcess.start(cmd, env)) {
            p.initialize();
            McpBench.calls(p);
            Thread.sleep(500);
            return Kib.of(ProcessHandle.of(p.pid()).orElseThrow());
        }
    }

    static Kib waiter(Path thin, Map<String, String> env, String stdin) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(thin.toString(), "hook", "StopWaiter");
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        try (var in = p.getOutputStream()) {
            in.write(stdin.getBytes());
        }
        try {
            Thread.sleep(2_000);
            if (!p.isAlive()) {
                throw new IllegalStateException("the thin waiter exited early with " + p.exitValue());
            }
            return Kib.of(p.toHandle());
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly().waitFor();
        }
    }

    static void hook(Path thin, String event, Map<String, String> env, String stdin) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(thin.toString(), "hook", event);
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        try (var in = p.getOutputStream()) {
            in.write(stdin.getBytes());
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("hook " + event + " did not end");
        }
    }

    static void stopDaemon(MeshHome mesh) {
        DaemonState.read(mesh.stateFile())
                .flatMap(s -> ProcessHandle.of(s.pid()))
                .ifPresent(p -> {
                    try {
                        new DaemonStarter(mesh).connect(false).shutdown();
                        p.onExit().get(20, TimeUnit.SECONDS);
                    } catch (Exception stuck) {
                        p.destroyForcibly();
                    }
                });
    }
}
