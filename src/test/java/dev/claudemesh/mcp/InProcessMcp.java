package dev.claudemesh.mcp;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The MCP server running in this JVM ({@link McpMain#serve}) on in-memory stdin/stdout, with a minimal JSON-RPC
 * client: requests by id, every output line kept for inspection.
 */
final class InProcessMcp implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] END = new byte[0];

    private final BlockingQueue<byte[]> input = new LinkedBlockingQueue<>();
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong();
    private final Thread server;
    private volatile Throwable failure;

    InProcessMcp(McpContext ctx) {
        InputStream in = new QueueInput(input);
        OutputStream out = new LineCollector(lines);
        server = new Thread(
                () -> {
                    try {
                        McpMain.serve(in, out, ctx);
                    } catch (Throwable t) {
                        failure = t;
                    }
                },
                "mcp-under-test");
        server.setDaemon(true);
        server.start();
    }

    JsonNode initialize() throws Exception {
        ObjectNode params = JSON.createObjectNode().put("protocolVersion", "2025-11-25");
        params.putObject("capabilities");
        params.putObject("clientInfo").put("name", "test").put("version", "1");
        JsonNode res = request("initialize", params);
        sendRaw("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        return res;
    }

    /** The whole response (result or error) to a request. */
    JsonNode request(String method, Object params) throws Exception {
        long id = ids.incrementAndGet();
        ObjectNode req =
                JSON.createObjectNode().put("jsonrpc", "2.0").put("id", id).put("method", method);
        if (params != null) {
            req.set("params", JSON.valueToTree(params));
        }
        sendRaw(JSON.writeValueAsString(req));
        return awaitLine(n -> n.path("id").isIntegralNumber() && n.path("id").asLong() == id, Duration.ofSeconds(20));
    }

    /** A tools/call result: {@code content}, {@code isError}. */
    JsonNode call(String tool, Map<String, ?> args) throws Exception {
        ObjectNode params = JSON.createObjectNode().put("name", tool);
        if (args != null) {
            params.set("arguments", JSON.valueToTree(args));
        }
        JsonNode res = request("tools/call", params);
        if (!res.has("result")) {
            throw new AssertionError("tools/call " + tool + " answered with a JSON-RPC error: " + res);
        }
        return res.path("result");
    }

    static String text(JsonNode result) {
        return result.path("content").get(0).path("text").asText();
    }

    static JsonNode json(JsonNode result) throws Exception {
        return JSON.readTree(text(result));
    }

    void sendRaw(String line) {
        input.add((line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    JsonNode awaitLine(java.util.function.Predicate<JsonNode> match, Duration timeout) throws Exception {
        return await("a matching line of the MCP server's output")
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(5))
                .until(() -> firstMatch(match), java.util.Optional::isPresent)
                .get();
    }

    private java.util.Optional<JsonNode> firstMatch(java.util.function.Predicate<JsonNode> match) throws Exception {
        if (failure != null) {
            throw new AssertionError("the MCP server failed", failure);
        }
        for (String l : lines) {
            JsonNode n = JSON.readTree(l);
            if (match.test(n)) {
                return java.util.Optional.of(n);
            }
        }
        return java.util.Optional.empty();
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    /** Drops the output seen so far (a long fuzz run would otherwise search an ever longer list). */
    void forget() {
        lines.clear();
    }

    /** Ends the input and waits for the server to return. */
    boolean endInput(Duration timeout) throws InterruptedException {
        input.add(END);
        server.join(timeout.toMillis());
        return !server.isAlive();
    }

    @Override
    public void close() throws Exception {
        endInput(Duration.ofSeconds(40));
    }

    /** Stdin fed line by line from a queue; an empty array is the end. */
    private static final class QueueInput extends InputStream {
        private final BlockingQueue<byte[]> queue;
        private byte[] current = new byte[0];
        private int pos;
        private boolean ended;

        QueueInput(BlockingQueue<byte[]> queue) {
            this.queue = queue;
        }

        @Override
        public int read() throws java.io.IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws java.io.IOException {
            if (ended) {
                return -1;
            }
            if (pos >= current.length) {
                try {
                    current = queue.poll(1, TimeUnit.HOURS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException();
                }
                pos = 0;
                if (current == null || current.length == 0) {
                    ended = true;
                    return -1;
                }
            }
            int n = Math.min(len, current.length - pos);
            System.arraycopy(current, pos, b, off, n);
            pos += n;
            return n;
        }
    }

    /** Stdout split into lines. */
    private static final class LineCollector extends OutputStream {
        private final List<String> lines;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        LineCollector(List<String> lines) {
            this.lines = lines;
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                lines.add(line.toString(StandardCharsets.UTF_8));
                line.reset();
            } else {
                line.write(b);
            }
        }
    }
}
