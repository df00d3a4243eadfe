package dev.claudemesh.bench;

import dev.claudemesh.session.LoopbackPeers;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * What deriving a send's sender costs the daemon ({@link LoopbackPeers}): the /proc scan for a new caller (a curl
 * connection, as a Bash tool or the thin MCP server sends) and the re-check for a kept-alive connection (the JVM MCP
 * server, the CLI), next to how many processes and fds this machine has.
 */
final class SenderBench {
    private SenderBench() {}

    static void run(PrintStream out) throws Exception {
        LoopbackPeers peers = LoopbackPeers.system();
        out.printf("  this machine: %d processes, %d fds readable%n", processes(), fds());
        int runs = 30;
        long[] scan = new long[runs];
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            for (int i = 0; i < runs; i++) {
                Process curl = new ProcessBuilder(
                                "curl", "-s", "-m", "30", "http://127.0.0.1:" + server.getLocalPort() + "/")
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start();
                try (Socket s = server.accept()) {
                    new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
                    long t0 = System.nanoTime();
                    if (peers.pidOf(s.getPort(), server.getLocalPort()).orElse(-1) != curl.pid()) {
                        throw new IllegalStateException("the scan did not find curl " + curl.pid());
                    }
                    scan[i] = System.nanoTime() - t0;
                } finally {
                    curl.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
            out.println("  new caller (curl), /proc scan: "
                    + Stats.ofNanos(scan, 1e6).format("ms"));
            long[] kept = new long[500];
            try (Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                    Socket s = server.accept()) {
                peers.pidOf(s.getPort(), server.getLocalPort());
                for (int i = 0; i < kept.length; i++) {
                    long t0 = System.nanoTime();
                    peers.pidOf(s.getPort(), server.getLocalPort());
                    kept[i] = System.nanoTime() - t0;
                }
            }
            out.println("  kept-alive connection, remembered owner re-checked: "
                    + Stats.ofNanos(kept, 1e3).format("us"));
        }
    }

    private static long processes() throws IOException {
        try (var s = Files.list(Path.of("/proc"))) {
            return s.filter(p -> p.getFileName().toString().matches("\\d+")).count();
        }
    }

    private static long fds() throws IOException {
        long n = 0;
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path p : procs) {
                try (var fds = Files.list(p.resolve("fd"))) {
                    n += fds.count();
                } catch (IOException | RuntimeException e) {
                    // gone or not ours
                }
            }
        }
        return n;
    }
}
