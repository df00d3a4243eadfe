package dev.claudemesh.support;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** HTTP/1.1 over a plain socket, so tests can send headers java.net.http forbids (Host) and bad bodies. */
public final class RawHttp {
    private RawHttp() {}

    /** @param head the status line and headers, as sent */
    public record Response(int status, String body, String head) {
        public Response(int status, String body) {
            this(status, body, "");
        }

        /** A header's value (name case-insensitive), or null. */
        public String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }

    public static Response send(int port, String method, String path, Map<String, String> headers, String body)
            throws Exception {
        byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Host", "127.0.0.1:" + port);
        h.put("Connection", "close");
        if (body != null) {
            h.put("Content-Length", Integer.toString(payload.length));
        }
        h.putAll(headers);
        StringBuilder req = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
        h.forEach((k, v) -> {
            if (v != null) {
                req.append(k).append(": ").append(v).append("\r\n");
            }
        });
        req.append("\r\n");
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(req.toString().getBytes(StandardCharsets.UTF_8));
            try {
                out.write(payload);
                out.flush();
            } catch (java.net.SocketException refusedEarly) {
                // the server answered (e.g. 413 from Content-Length) and closed before taking the whole body
            }
            InputStream in = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.UTF_8);
            int status = Integer.parseInt(text.substring(9, 12));
            int split = text.indexOf("\r\n\r\n");
            String rest = split < 0 ? "" : text.substring(split + 4);
            if (text.substring(0, Math.max(0, split)).toLowerCase().contains("transfer-encoding: chunked")) {
                rest = dechunk(rest);
            }
            return new Response(status, rest, text.substring(0, Math.max(0, split)));
        }
    }

    private static String dechunk(String s) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            int eol = s.indexOf("\r\n", i);
            if (eol < 0) {
                break;
            }
            int len = Integer.parseInt(s.substring(i, eol).trim(), 16);
            if (len == 0) {
                break;
            }
            out.append(s, eol + 2, eol + 2 + len);
            i = eol + 2 + len + 2;
        }
        return out.toString();
    }
}
