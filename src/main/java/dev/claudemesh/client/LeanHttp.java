package dev.claudemesh.client;

import dev.claudemesh.config.DaemonState;
import dev.claudemesh.config.MeshHome;
import dev.claudemesh.config.Token;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * HTTP/1.1 to the daemon over a plain socket with hard timeouts, JDK-only. The hook, status line and MCP
 * paths use it instead of java.net.http, whose start-up time and resident memory they cannot afford. One
 * request per connection.
 */
public final class LeanHttp {
    private final int port;
    private final String token;
    private final String extraHeaders;

    public record Response(int status, String body) {}

    public LeanHttp(int port, String token) {
        this(port, token, "");
    }

    /** @param extraHeaders further header lines, each ending in CRLF ("" for none) */
    LeanHttp(int port, String token, String extraHeaders) {
        this.port = port;
        this.token = token;
        this.extraHeaders = extraHeaders;
    }

    /**
     * A client for the home's daemon as its state file describes it, if there is one and its listener has shown it
     * is this home's daemon ({@link DaemonProof}): the token never goes to a stranger on a stale port.
     */
    public static Optional<LeanHttp> forHome(MeshHome home) {
        Optional<DaemonState> st = DaemonState.read(home.stateFile());
        if (st.isEmpty() || DaemonProof.refute(home, st.get()).isPresent()) {
            return Optional.empty();
        }
        String token = Token.read(home.tokenFile());
        if (token == null) {
            return Optional.empty();
        }
        return Optional.of(new LeanHttp(st.get().port(), token));
    }

    public Response get(String path, int timeoutMillis) throws IOException {
        return exchange("GET", path, null, timeoutMillis);
    }

    public Response post(String path, String json, int timeoutMillis) throws IOException {
        return exchange("POST", path, json, timeoutMillis);
    }

    private Response exchange(String method, String path, String json, int timeoutMillis) throws IOException {
        byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
        String head = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: Bearer "
                + token + "\r\nConnection: close\r\n" + extraHeaders
                + (json == null ? "" : "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n")
                + "\r\n";
        try (Socket s = new Socket(java.net.Proxy.NO_PROXY)) { // no proxy lookup: it costs ~30 ms cold
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), Math.min(timeoutMillis, 500));
            s.setSoTimeout(timeoutMillis);
            s.setTcpNoDelay(true);
            OutputStream out = s.getOutputStream();
            byte[] h = head.getBytes(StandardCharsets.US_ASCII);
            byte[] all = new byte[h.length + body.length];
            System.arraycopy(h, 0, all, 0, h.length);
            System.arraycopy(body, 0, all, h.length, body.length);
            out.write(all);
            out.flush();
            return read(s.getInputStream());
        }
    }

    private static Response read(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        in.transferTo(buf);
        String text = buf.toString(StandardCharsets.UTF_8);
        if (!text.startsWith("HTTP/1.1 ") || text.length() < 12) {
            throw new IOException("not an HTTP response");
        }
        int status = Integer.parseInt(text.substring(9, 12));
        int split = text.indexOf("\r\n\r\n");
        if (split < 0) {
            throw new IOException("incomplete HTTP response");
        }
        String headers = text.substring(0, split).toLowerCase(java.util.Locale.ROOT);
        String rest = text.substring(split + 4);
        if (headers.contains("transfer-encoding: chunked")) {
            rest = dechunk(rest);
        }
        return new Response(status, rest);
    }

    private static String dechunk(String s) throws IOException {
        StringBuilder out = new StringBuilder();
        byte[] raw = s.getBytes(StandardCharsets.UTF_8);
        int i = 0;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        while (i < raw.length) {
            int eol = indexOf(raw, i);
            if (eol < 0) {
                throw new IOException("bad chunked body");
            }
            int len = Integer.parseInt(new String(raw, i, eol - i, StandardCharsets.US_ASCII).trim(), 16);
            if (len == 0) {
                break;
            }
            bytes.write(raw, eol + 2, len);
            i = eol + 2 + len + 2;
        }
        out.append(bytes.toString(StandardCharsets.UTF_8));
        return out.toString();
    }

    private static int indexOf(byte[] raw, int from) {
        for (int k = from; k + 1 < raw.length; k++) {
            if (raw[k] == '\r' && raw[k + 1] == '\n') {
                return k;
            }
        }
        return -1;
    }
}
