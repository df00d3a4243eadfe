package dev.claudemesh.install;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The MCP server {@code .claude.json} names, started as claude starts it (the command and its args, no shell), with
 * its stdin written line by line and its stdout read line by line. Its stderr goes to a file for the diagnosis.
 */
final class ThinMcp implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String INIT = "{\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
            + "\"capabilities\":{},\"clientInfo\":{\"name\":\"claude-code\",\"version\":\"2.1.332\"}},"
            + "\"jsonrpc\":\"2.0\",\"id\":0}";
    static final String INITIALIZED = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}";

    private final Process process;
    private final OutputStream in;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    final Path stderr;

    private ThinMcp(Process process, Path stderr) {
        this.process = process;
        this.in = process.getOutputStream();
        this.stderr = stderr;
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader r = new BufferedReader(
                            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                        for (String l; (l = r.readLine()) != null; ) {
                            lines.add(l);
                        }
                    } catch (Exception ended) {
                        // the process is gone
                    }
                },
                "thin-mcp-out");
        reader.setDaemon(true);
        reader.start();
    }

    /** The {@code mcpServers.claudemesh} command of {@code home}'s .claude.json, with {@code env} only. */
    static ThinMcp start(Path home, Map<String, String> env) throws Exception {
        JsonNode server = JSON.readTree(home.resolve(".claude.json").toFile())
                .path("mcpServers")
                .path("claudemesh");
        List<String> cmd = new ArrayList<>();
        cmd.add(server.path("command").asText());
        server.path("args").forEach(a -> cmd.add(a.asText()));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().clear();
        pb.environment().putAll(env);
        Path err = home.resolve("thin-mcp-" + System.nanoTime() + ".err");
        pb.redirectError(err.toFile());
        return new ThinMcp(pb.start(), err);
    }

    long pid() {
        return process.pid();
    }

    void send(String line) throws Exception {
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /** The next line it prints, within {@code seconds}. */
    JsonNode next(int seconds) throws Exception {
        String l = lines.poll(seconds, TimeUnit.SECONDS);
        if (l == null) {
            throw new AssertionError(
                    "no answer within " + seconds + " s; stderr: " + java.nio.file.Files.readString(stderr));
        }
        return JSON.readTree(l);
    }

    /** Sends a request and returns the next line (the thin server answers in order). */
    JsonNode request(String line, int seconds) throws Exception {
        send(line);
        return next(seconds);
    }

    static String call(Object id, String tool, String args) {
        return "{\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool + "\",\"arguments\":" + args
                + ",\"_meta\":{\"claudecode/toolUseId\":\"toolu_1\"}},\"jsonrpc\":\"2.0\",\"id\":"
                + (id instanceof String s ? "\"" + s + "\"" : id) + "}";
    }

    /** Whether a JVM runs under it (the fallback), rather than only sh and curl. */
    boolean runsAJvm() {
        return process.descendants().anyMatch(p -> p.info().command().orElse("").contains("java"));
    }

    /** Pending output lines (nothing is expected after a notification). */
    String pending() {
        return lines.peek();
    }

    /** Ends its stdin (claude exited) and waits for it to end. */
    int finish() throws Exception {
        in.close();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the MCP server did not end within 60 s of its stdin");
        }
        return process.exitValue();
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            try {
                finish();
            } finally {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        }
    }
}
