package dev.claudemesh.support;

import com.sun.net.httpserver.HttpServer;
import dev.claudemesh.config.DaemonState;
import dev.claudemesh.config.MeshHome;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A stand-in for a daemon of another claudemesh version, run as its own process by tests: publishes a
 * state file, holds the home's lock (as every daemon does, which is how clients know it is this home's),
 * answers /v1/health with version "0.0.1-old", and exits on /v1/shutdown.
 */
public final class OldDaemon {
    public static void main(String[] args) throws Exception {
        MeshHome home = new MeshHome(Path.of(args[0]));
        home.ensure();
        java.nio.channels.FileChannel lock = java.nio.channels.FileChannel.open(
                home.lockFile(), java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
        if (lock.tryLock() == null) {
            throw new IllegalStateException("the home's lock is held: " + home.lockFile());
        }
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        http.createContext("/v1/health", ex -> {
            byte[] b = "{\"status\":\"ok\",\"version\":\"0.0.1-old\",\"sessions\":0}".getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        http.createContext("/v1/shutdown", ex -> {
            byte[] b = "{\"stopping\":true}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
            Runtime.getRuntime().halt(0);
        });
        http.start();
        Files.writeString(home.tokenFile(), "a".repeat(64));
        new DaemonState(http.getAddress().getPort(), ProcessHandle.current().pid(), "0.0.1-old", 1)
                .write(home.stateFile());
        System.out.println("ready");
        Thread.sleep(60_000);
        System.exit(0);
    }
}
