package dev.claudemesh.support;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Arbitrary bytes to a port and whatever comes back: for requests no HTTP client would send. */
public final class RawBytes {
    private RawBytes() {}

    /** What came back: the status (0 when none), the header block and the body. */
    public record Answer(int status, String head, String body) {
        public boolean empty() {
            return status == 0 && head.isEmpty();
        }

        public String contentType() {
            for (String line : head.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-type:")) {
                    return line.substring(13).trim();
                }
            }
            return "";
        }
    }

    public static Answer send(int port, String request) throws Exception {
        return send(port, request.getBytes(StandardCharsets.ISO_8859_1));
    }

    public static Answer send(int port, byte[] request) throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(15_000);
            OutputStream out = s.getOutputStream();
            try {
                out.write(request);
                out.flush();
                s.shutdownOutput();
            } catch (SocketException closedEarly) {
                // the server answered and closed before taking everything
            }
            InputStream in = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            try {
                in.transferTo(all);
            } catch (SocketException | SocketTimeoutException reset) {
                // keep what arrived
            }
            return parse(all.toString(StandardCharsets.UTF_8));
        }
    }

    static Answer parse(String text) {
        if (!text.startsWith("HTTP/") || text.length() < 12) {
            return new Answer(0, "", text);
        }
        int status = Integer.parseInt(text.substring(9, 12));
        int split = text.indexOf("\r\n\r\n");
        String head = split < 0 ? text : text.substring(0, split);
        String body = split < 0 ? "" : text.substring(split + 4);
        if (head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
            body = dechunk(body);
        }
        return new Answer(status, head, body);
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
            out.append(s, eol + 2, Math.min(s.length(), eol + 2 + len));
            i = eol + 2 + len + 2;
        }
        return out.toString();
    }
}
