package dev.claudemesh.bench;

import dev.claudemesh.client.DaemonClient;
import dev.claudemesh.client.DaemonStarter;
import dev.claudemesh.client.DaemonUnavailableException;
import dev.claudemesh.config.DaemonState;
import dev.claudemesh.config.MeshHome;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Hook start-up as claude sees it: wall time of the installed launcher running {@code hook UserPromptSubmit}
 * and {@code statusline}, side by side (interleaved, same run) with a Node script doing the same loopback
 * POST — the design claudemesh replaces. Target (DESIGN.md): hook median ≤ 0.6× Node's.
 */
public final class HookBench {
    static final int RUNS = 40;

    static final String NODE_HOOK = """
            const fs = require('fs'), http = require('http');
            const home = process.env.CLAUDEMESH_HOME;
            const port = /port=(\\d+)/.exec(fs.readFileSync(home + '/daemon.state', 'utf8'))[1];
            const token = fs.readFileSync(home + '/token', 'utf8').trim();
            let input = '';
            process.stdin.on('data', d => input += d);
            process.stdin.on('end', () => {
              const body = JSON.stringify({claude_pid: +process.env.CLAUDE_PID, ancestors: [], input: JSON.parse(input)});
              const req = http.request({host: '127.0.0.1', port, path: '/v1/hooks/UserPromptSubmit', method: 'POST',
                  headers: {'Content-Type': 'application/json', 'Authorization': 'Bearer ' + token,
                            'Content-Length': Buffer.byteLength(body)}}, res => {
                let out = '';
                res.on('data', d => out += d);
                res.on('end', () => { process.stdout.write(JSON.parse(out).stdout || ''); process.exit(0); });
              });
              req.on('error', () => process.exit(0));
              req.end(body);
            });
            """;

    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    public static void run(PrintStream out) throws Exception {
        measure(out);
    }

    /** Prints the hook figures and returns the headline one (hook wall time beside the Node hook). */
    static List<Figure> measure(PrintStream out) throws Exception {
        Path home = Files.createTempDirectory("claudemesh-hookbench");
        Path meshHome = home.resolve(".claudemesh");
        Map<String, String> env = new HashMap<>(System.getenv());
        env.remove("CLAUDE_CONFIG_DIR");
        InstalledHome.install(home, env);
        Path launcher = meshHome.resolve("bin/claudemesh");
        Process claude = new ProcessBuilder("sleep", "600").start();
        DaemonClient c = connectPatiently(new MeshHome(meshHome));
        try {
            env.put("CLAUDE_PID", Long.toString(claude.pid()));
            String input = "{\"session_id\":\"bench-hook\",\"cwd\":\"/tmp/bench/api\",\"hook_event_name\":"
                    + "\"UserPromptSubmit\",\"prompt\":\"hello\",\"transcript_path\":\"/tmp/t.jsonl\"}";
            c.post("/v1/sessions", Map.of("session_id", "bench-hook", "pid", claude.pid(), "cwd", "/tmp/bench/api"));
            Path node = home.resolve("hook.js");
            Files.writeString(node, NODE_HOOK);
            List<String> javaHook = List.of(launcher.toString(), "hook", "UserPromptSubmit");
            List<String> thinHook = List.of(meshHome.resolve("thin/claudemesh").toString(), "hook", "UserPromptSubmit");
            List<String> nodeHook = List.of("node", node.toString());
            List<String> status = List.of(launcher.toString(), "statusline");
            long[] j = new long[RUNS];
            long[] n = new long[RUNS];
            long[] s = new long[RUNS];
            long[] t = new long[RUNS];
            long[] tc = new long[RUNS];
            Map<String, String> curlEnv = new HashMap<>(env);
            curlEnv.put("CLAUDEMESH_HOOK_BASH", ""); // the thin launcher's curl path
            for (int i = -3; i < RUNS; i++) { // three warm-up rounds
                long e = time(thinHook, env, input);
                long f = time(thinHook, curlEnv, input);
                long a = time(javaHook, env, input);
                long b = time(nodeHook, env, input);
                long d = time(status, env, input);
                if (i >= 0) {
                    j[i] = a;
                    n[i] = b;
                    s[i] = d;
                    t[i] = e;
                    tc[i] = f;
                }
            }
            double jm = median(j) / 1e6;
            double nm = median(n) / 1e6;
            out.printf("hooks: %d interleaved runs each (installed launcher, AppCDS archive)%n", RUNS);
            out.printf("  hook UserPromptSubmit median  %.1f ms%n", jm);
            out.printf("  node hook, same POST, median  %.1f ms%n", nm);
            out.printf("  ratio java/node               %.2f   (target <= 0.6)%n", jm / nm);
            out.printf("  statusline median             %.1f ms%n", median(s) / 1e6);
            out.printf(
                    "  background Stop waiter RSS    %.1f MiB (parked on the event stream)%n",
                    waiterRss(launcher, env) / 1024.0);
            out.printf(
                    "  hung daemon costs a hook     %.0f ms over no daemon   (target <= 300 ms: it gives up)%n",
                    hungDaemonCost(launcher, env, home) / 1e6);
            out.printf(
                    "  thin Stop waiter RSS          %.1f MiB (sh + bash long-poll, summed)%n",
                    waiterRss(meshHome.resolve("thin/claudemesh"), env) / 1024.0);
            out.printf(
                    "  no daemon: JVM hook returns in %.0f ms, thin hook in %.0f ms (each starts one in the background)%n",
                    noDaemonCost(javaHook, env, home, "none-jvm") / 1e6,
                    noDaemonCost(thinHook, env, home, "none-thin") / 1e6);
            Stats js = Stats.ofNanos(j, 1e6);
            Stats ns = Stats.ofNanos(n, 1e6);
            Stats ts = Stats.ofNanos(t, 1e6);
            Stats tcs = Stats.ofNanos(tc, 1e6);
            out.printf(
                    "  thin (sh + bash) hook median  %.1f ms, ratio thin/node %.2f%n",
                    ts.median(), ts.median() / ns.median());
            out.printf(
                    "  thin (sh + curl) hook median  %.1f ms, ratio thin/node %.2f%n",
                    tcs.median(), tcs.median() / ns.median());
            return List.of(
                    new Figure(
                            "hook wall time, UserPromptSubmit, thin (sh + bash /dev/tcp)",
                            String.format("%.2fx of node (%s)", ts.median() / ns.median(), ts.format("ms")),
                            "node hook " + ns.format("ms"),
                            "<= 0.6x node"),
                    new Figure(
                            "hook wall time, UserPromptSubmit, JVM fallback",
                            String.format("%.2fx of node (%s)", js.median() / ns.median(), js.format("ms")),
                            "node hook " + ns.format("ms"),
                            "<= 0.6x node"));
        } finally {
            try {
                c.post("/v1/shutdown", null);
            } catch (Exception alreadyGone) {
                // nothing to stop
            }
            claude.destroyForcibly();
        }
    }

    /** The bench's daemon; on a busy machine its start may outlast one client's deadline, so ask again. */
    static DaemonClient connectPatiently(MeshHome home) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return new DaemonStarter(home).connect(true);
            } catch (DaemonUnavailableException e) {
                if (attempt == 4) {
                    throw e;
                }
            }
        }
    }

    /** Median extra time of {@code hook Stop} against a daemon that accepts and never answers, over no daemon. */
    static long hungDaemonCost(Path launcher, Map<String, String> base, Path root) throws Exception {
        try (ServerSocket hung = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                List<Socket> held = new ArrayList<>();
                try {
                    while (true) {
                        held.add(hung.accept()); // accept and never answer
                    }
                } catch (Exception closed) {
                    // bench over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            MeshHome hungHome = new MeshHome(root.resolve("hung"));
            hungHome.ensure();
            new DaemonState(hung.getLocalPort(), ProcessHandle.current().pid(), "0.0.0", 0).write(hungHome.stateFile());
            Files.writeString(hungHome.tokenFile(), "t".repeat(64));
            Map<String, String> toHung = new HashMap<>(base);
            toHung.put("CLAUDEMESH_HOME", hungHome.dir().toString());
            Map<String, String> toNone = new HashMap<>(base);
            toNone.put("CLAUDEMESH_HOME", root.resolve("none").toString());
            // SessionEnd: the one hook that starts no daemon when it finds none, so "none" stays without one
            List<String> stop = List.of(launcher.toString(), "hook", "SessionEnd");
            String input = "{\"session_id\":\"bench-hung\",\"hook_event_name\":\"SessionEnd\"}";
            long[] extra = new long[9];
            for (int i = 0; i < extra.length; i++) {
                extra[i] = time(stop, toHung, input) - time(stop, toNone, input);
            }
            return median(extra);
        }
    }

    /**
     * Median wall time of {@code cmd} (a UserPromptSubmit) in a fresh home with no daemon, where it starts one in the
     * background and returns at once; each run gets its own home, and its daemon is ended afterwards.
     */
    static long noDaemonCost(List<String> cmd, Map<String, String> base, Path root, String name) throws Exception {
        long[] v = new long[7];
        for (int i = 0; i < v.length; i++) {
            MeshHome fresh = new MeshHome(root.resolve(name + "-" + i));
            Map<String, String> env = new HashMap<>(base);
            env.put("CLAUDEMESH_HOME", fresh.dir().toString());
            String input = "{\"session_id\":\"bench-none\",\"cwd\":\"/tmp/bench/none\","
                    + "\"hook_event_name\":\"UserPromptSubmit\",\"prompt\":\"hi\"}";
            v[i] = time(cmd, env, input);
            if (dev.claudemesh.support.HomeDaemons.awaitRunning(fresh, java.time.Duration.ofSeconds(60))
                    .isEmpty()) {
                throw new IllegalStateException(cmd + " with no daemon started none in " + fresh.dir());
            }
            dev.claudemesh.support.HomeDaemons.stopAll(fresh);
        }
        return median(v);
    }

    /** Starts {@code hook StopWaiter} for the registered session and reads its resident set once parked. */
    static long waiterRss(Path launcher, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(launcher.toString(), "hook", "StopWaiter");
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        try (var in = p.getOutputStream()) {
            in.write("{\"session_id\":\"bench-hook\",\"cwd\":\"/tmp/bench/api\",\"hook_event_name\":\"Stop\"}"
                    .getBytes());
        }
        Thread.sleep(2_000);
        try {
            if (!p.isAlive()) {
                throw new IllegalStateException("the waiter exited early with " + p.exitValue());
            }
            long total = PromptBench.rssKiB(p.pid());
            for (ProcessHandle d : p.descendants().toList()) {
                total += PromptBench.rssKiB(d.pid());
            }
            return total;
        } finally {
            p.destroyForcibly().waitFor();
        }
    }

    static long time(List<String> cmd, Map<String, String> env, String stdin) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(cmd));
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        long t0 = System.nanoTime();
        Process p = pb.start();
        try (var in = p.getOutputStream()) {
            in.write(stdin.getBytes());
        }
        if (p.waitFor() != 0) {
            throw new IllegalStateException(cmd + " exited " + p.exitValue());
        }
        return System.nanoTime() - t0;
    }

    static long median(long[] v) {
        long[] c = v.clone();
        Arrays.sort(c);
        return c[c.length / 2];
    }
}
