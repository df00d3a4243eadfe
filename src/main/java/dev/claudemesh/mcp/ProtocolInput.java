package dev.claudemesh.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The MCP server's stdin as the SDK reads it: only lines that hold a JSON object pass. The SDK stops reading for
 * good at the first line it cannot parse, so a garbage line, a non-object or an oversized line is answered here
 * with a JSON-RPC error (-32700 parse error / -32600 invalid request) and dropped, and the server keeps serving.
 * End of input (claude exited or closed the pipe) is passed on once every request has been answered, and
 * signalled through {@link #awaitEnd}.
 */
final class ProtocolInput extends InputStream {
    static final int MAX_LINE_BYTES = 8 * 1024 * 1024;
    static final String PARSE_ERROR =
            "Parse error: a line of input is not JSON; each message must be one JSON object on its own line";

    private final InputStream in;
    private final ProtocolOutput out;
    private final ObjectMapper json;
    private final long answerGraceMillis;
    private final CountDownLatch ended = new CountDownLatch(1);
    private final AtomicLong requests = new AtomicLong();
    private final byte[] buf = new byte[8192];
    private int bufPos;
    private int bufLen;
    private byte[] line = new byte[0];
    private int linePos;

    ProtocolInput(InputStream in, ProtocolOutput out, ObjectMapper json, long answerGraceMillis) {
        this.in = in;
        this.answerGraceMillis = answerGraceMillis;
        this.out = out;
        this.json = json;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (linePos >= line.length && !nextValidLine()) {
            return -1;
        }
        int n = Math.min(len, line.length - linePos);
        System.arraycopy(line, linePos, b, off, n);
        linePos += n;
        return n;
    }

    /** Waits until stdin has ended; true if it did within the timeout. */
    boolean awaitEnd(long timeout, TimeUnit unit) throws InterruptedException {
        return ended.await(timeout, unit);
    }

    boolean ended() {
        return ended.getCount() == 0;
    }

    /** How many requests (messages with a method and an id) were passed on; each is owed a response. */
    long requests() {
        return requests.get();
    }

    private boolean nextValidLine() throws IOException {
        while (true) {
            ByteArrayOutputStream raw = new ByteArrayOutputStream(256);
            int status = readRawLine(raw);
            if (status == EOF && raw.size() == 0) {
                return end();
            }
            byte[] bytes = raw.toByteArray();
            if (status == TOO_LONG) {
                reject(null, -32600, "Invalid Request: a message longer than " + MAX_LINE_BYTES + " bytes was dropped");
            } else if (!isBlank(bytes)) {
                JsonNode node = parse(bytes);
                String problem = node == null ? null : problem(node);
                if (node != null && problem == null) {
                    if (node.has("method") && node.hasNonNull("id")) {
                        requests.incrementAndGet();
                    }
                    line = new byte[bytes.length + 1];
                    System.arraycopy(bytes, 0, line, 0, bytes.length);
                    line[bytes.length] = '\n';
                    linePos = 0;
                    return true;
                }
                if (node == null) {
                    reject(null, -32700, PARSE_ERROR);
                } else {
                    reject(validId(node), -32600, "Invalid Request: " + problem);
                }
            }
            if (status == EOF) {
                return end();
            }
        }
    }

    /**
     * Input ended. The SDK closes its session as soon as it reads the end, dropping answers still being worked
     * on, so the end is held back until every request passed on has been answered (or the grace time is over).
     */
    private boolean end() throws IOException {
        ended.countDown();
        try {
            out.awaitResponses(requests.get(), answerGraceMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    private static final int LINE = 0;
    private static final int EOF = 1;
    private static final int TOO_LONG = 2;

    /** Reads up to the next newline (not stored); keeps at most MAX_LINE_BYTES and skips the rest of a longer line. */
    private int readRawLine(ByteArrayOutputStream raw) throws IOException {
        boolean tooLong = false;
        while (true) {
            if (bufPos >= bufLen) {
                bufLen = in.read(buf, 0, buf.length);
                bufPos = 0;
                if (bufLen <= 0) {
                    bufLen = 0;
                    return tooLong ? TOO_LONG : EOF;
                }
            }
            int start = bufPos;
            while (bufPos < bufLen && buf[bufPos] != '\n') {
                bufPos++;
            }
            int n = bufPos - start;
            if (!tooLong && raw.size() + n > MAX_LINE_BYTES) {
                tooLong = true;
                raw.reset();
            }
            if (!tooLong) {
                raw.write(buf, start, n);
            }
            if (bufPos < bufLen) {
                bufPos++; // the newline
                return tooLong ? TOO_LONG : LINE;
            }
        }
    }

    /** Why a parsed line is not a JSON-RPC 2.0 message the SDK can take, or null if it is one. */
    static String problem(JsonNode n) {
        if (!n.isObject()) {
            return "each message must be one JSON object (batches are not supported)";
        }
        if (!"2.0".equals(n.path("jsonrpc").textValue())) {
            return "\"jsonrpc\" must be \"2.0\"";
        }
        JsonNode id = n.get("id");
        if (id != null && !id.isTextual() && !id.isIntegralNumber()) {
            return "\"id\" must be a string or an integer";
        }
        JsonNode method = n.get("method");
        if (method != null) {
            if (!method.isTextual()) {
                return "\"method\" must be a string";
            }
            JsonNode params = n.get("params");
            if (params != null && !params.isObject() && !params.isNull()) {
                return "\"params\" must be an object";
            }
            return null;
        }
        if (id != null && (n.has("result") || n.has("error"))) {
            return null;
        }
        return "a message needs a \"method\" (request or notification) or an \"id\" with a result or an error";
    }

    /** A JSON-RPC error answer: {@code id} (null when the message had none that is valid), code and message. */
    static ObjectNode rejection(ObjectMapper json, Object id, int code, String message) {
        ObjectNode err = json.createObjectNode().put("jsonrpc", "2.0");
        err.putPOJO("id", id);
        err.putObject("error").put("code", code).put("message", message);
        return err;
    }

    static Object validId(JsonNode n) {
        JsonNode id = n.get("id");
        if (id == null) {
            return null;
        }
        return id.isTextual() ? id.textValue() : id.isIntegralNumber() ? id.numberValue() : null;
    }

    private JsonNode parse(byte[] bytes) {
        try {
            return json.readTree(bytes);
        } catch (IOException e) {
            return null;
        }
    }

    private void reject(Object id, int code, String message) throws IOException {
        out.writeLine(json.writeValueAsBytes(rejection(json, id, code, message)));
        System.err.println("claudemesh mcp: " + message);
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}
