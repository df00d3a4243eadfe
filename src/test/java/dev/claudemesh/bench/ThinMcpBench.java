package dev.claudemesh.bench;

import dev.claudemesh.api.Endpoints;
import dev.claudemesh.mesh.Caller;
import dev.claudemesh.mesh.CallerIdentity;
import dev.claudemesh.session.LoopbackPeers;
import dev.claudemesh.session.ProcessInfo;
import dev.claudemesh.session.ProcessProbe;
import dev.claudemesh.support.Sleepers;
import dev.claudemesh.support.TestDaemon;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * What the thin MCP route's relay check costs per line (each line claude writes to {@code thin/claudemesh mcp} is
 * one curl, one new connection, and the daemon checks that the curl is the named MCP server process or its child).
 * Two figures: the check alone, for a connection from a curl-like child of a shell ({@link LoopbackPeers} on this
 * machine's real /proc), the way the route checked before (find the socket's owner among all processes, who that
 * process is, then its ancestors) and the way it checks now (only the named process and its descendants' fds),
 * alternating per connection; and the route end to end, a tools/list line
 * as the launcher posts it, timed by curl's own {@code time_total} (connect to last byte, without curl's start).
 */
public final class ThinMcpBench {
    static final int CHECKS = 200;
    static final int LINES = 100;

    private ThinMcpBench() {}

    public static void run(PrintStream out) throws Exception {
        out.printf(
                "processes on this machine: %d; /proc/net/tcp rows: %d, tcp6: %d; load %s%n",
                processes(), rows("/proc/net/tcp"), rows("/proc/net/tcp6"), WakeBench.load());
        checkAlone(out);
        route(out);
        out.printf("  load average after: %s%n", WakeBench.load());
    }

    /** The check alone: a shell's child holds the client end of a loopback connection to this JVM. */
    static void checkAlone(PrintStream out) throws Exception {
        LoopbackPeers old = LoopbackPeers.system(); // one instance, as the daemon keeps: its recent owners first
        LoopbackPeers peers = LoopbackPeers.system();
        // who the owner is, as the route asked before it refused or let the line through
        Path trayLock = Files.createTempDirectory("claudemesh-thinmcp-bench").resolve("tray.lock");
        CallerIdentity identity =
                new CallerIdentity(List::of, ProcessProbe.SYSTEM, pid -> Files.exists(trayLock) && pid == 0);
        long[] whole = new long[CHECKS];
        long[] tree = new long[CHECKS];
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            for (int i = 0; i < CHECKS; i++) {
                // sh runs bash (dash has no /dev/tcp) as its child, which connects: the named process's child holds it
                Process sh = new ProcessBuilder(
                                "sh",
                                "-c",
                                "bash -c 'exec 3<>/dev/tcp/127.0.0.1/" + server.getLocalPort() + "; read -r _ <&3'; :")
                        .start();
                try (Socket s = server.accept()) {
                    long t0 = System.nanoTime();
                    OptionalLong owner = old.pidOf(s.getPort(), s.getLocalPort());
                    Caller c = owner.isPresent() ? identity.ofPid(owner.getAsLong()) : Caller.UNKNOWN;
                    boolean ok = c.pid() != 0
                            && (c.pid() == sh.pid()
                                    || ProcessInfo.ancestors(c.pid()).contains(sh.pid()));
                    long t1 = System.nanoTime();
                    boolean ok2 = peers.heldWithin(s.getPort(), s.getLocalPort(), sh.pid());
                    long t2 = System.nanoTime();
                    if (!ok || !ok2) {
                        throw new IllegalStateException("the check did not find the shell's child: " + ok + " " + ok2);
                    }
                    whole[i] = t1 - t0;
                    tree[i] = t2 - t1;
                    s.getOutputStream().write('\n');
                } finally {
                    sh.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            }
        }
        out.printf("relay check alone, %d connections from a shell's child:%n", CHECKS);
        out.printf(
                "  before: its owner among all processes, who that is, its ancestors: %s%n",
                Stats.ofNanos(whole, 1e6).format("ms"));
        out.printf(
                "  now: the named process and its descendants' fds only:          %s%n",
                Stats.ofNanos(tree, 1e6).format("ms"));
    }

    /** The route end to end: tools/list lines posted as the launcher posts them, by a curl child of a shell. */
    static void route(PrintStream out) throws Exception {
        Path tmp = Files.createTempDirectory("claudemesh-thinmcp-bench");
        try (Sleepers sleepers = new Sleepers();
                TestDaemon d = TestDaemon.start(tmp.resolve("mesh"), tmp.resolve("claude"))) {
            long claude = sleepers.start();
            d.register("0f0e0d0c-thin-bench", claude, "/bench/thin");
            Process sh = new ProcessBuilder("sh", "-c", "while IFS= read -r line; do eval \"$line\"; done")
                    .redirectErrorStream(true)
                    .start();
            try {
                OutputStream in = sh.getOutputStream();
                BufferedReader answers =
                        new BufferedReader(new InputStreamReader(sh.getInputStream(), StandardCharsets.UTF_8));
                String url = "http://127.0.0.1:" + d.port() + Endpoints.THIN_MCP + "message?mcp_pid=" + sh.pid()
                        + "&claude_pid=" + claude;
                List<Double> ms = new ArrayList<>();
                for (int i = -2; i < LINES; i++) {
                    String line = i == -2
                            ? "{\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
                                    + "\"capabilities\":{},\"clientInfo\":{\"name\":\"bench\",\"version\":\"1\"}},"
                                    + "\"jsonrpc\":\"2.0\",\"id\":0}"
                            : i == -1
                                    ? "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"
                                    : "{\"method\":\"tools/list\",\"jsonrpc\":\"2.0\",\"id\":" + (i + 1) + "}";
                    String cmd = "r=$(printf '%s\\n' '" + line
                            + "' | curl -s -o /dev/null -w '%{http_code} %{time_total}'"
                            + " -H 'Expect:' -H @'" + d.home.authHeaderFile() + "' -H 'Content-Type: application/json'"
                            + " -H 'X-Claudemesh-Builtin: 0' -H 'X-Claudemesh-Mcp-Introduced: 1' --data-binary @- '"
                            + url + "'); echo \"$r\"\n";
                    in.write(cmd.getBytes(StandardCharsets.UTF_8));
                    in.flush();
                    String[] f = answers.readLine().trim().split(" ");
                    if (!f[0].equals("200")) {
                        throw new IllegalStateException("the route answered " + f[0]);
                    }
                    if (i >= 0) {
                        ms.add(Double.parseDouble(f[1]) * 1000);
                    }
                }
                Stats s = Stats.of(ms.stream().mapToDouble(Double::doubleValue).toArray());
                out.printf("thin MCP route, one tools/list line (curl time_total): %s%n", s.format("ms"));
            } finally {
                sh.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    private static long processes() throws Exception {
        try (var s = Files.list(Path.of("/proc"))) {
            return s.filter(p -> p.getFileName().toString().matches("\\d+")).count();
        }
    }

    private static long rows(String table) {
        try {
            return Files.readAllLines(Path.of(table)).size() - 1;
        } catch (Exception e) {
            return -1;
        }
    }
}
