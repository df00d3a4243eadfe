package dev.claudemesh.install;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback listener standing in for the daemon's socket (the state file keeps the real daemon's pid, so the hook
 * trusts it): records each request exactly as it came (head and body bytes) and answers {@code reply}, or, with
 * {@code reply == null}, reads the request and never answers.
 */
final class WireListener implements AutoCloseable {
    record Request(String head, byte[] body) {
        String header(String name) {
            for (String line : head.split("\r\n")) {
                int c = line.indexOf(':');
                if (c > 0 && line.substring(0, c).equalsIgnoreCase(name)) {
                    return line.substring(c + 1).trim();
                }
            }
            return null;
        }
    }

    final List<Request> requests = new CopyOnWriteArrayList<>();
    private final ServerSocket server;
    private final List<Socket> held = new CopyOnWriteArrayList<>();

    WireListener(byte[] reply) throws Exception {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> serve(reply), "wire-listener");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void serve(byte[] reply) {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                held.add(s);
                InputStream in = s.getInputStream();
                ByteArrayOutputStream head = new ByteArrayOutputStream();
                while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                    int b = in.read();
                    if (b < 0) {
                        break;
                    }
                    head.write(b);
                }
                Request partial = new Request(head.toString(StandardCharsets.ISO_8859_1), new byte[0]);
                String length = partial.header("Content-Length");
                byte[] body = in.readNBytes(length == null ? 0 : Integer.parseInt(length));
                requests.add(new Request(partial.head(), body));
                if (reply != null) {
                    s.getOutputStream().write(reply);
                    s.close();
                }
            } catch (Exception closed) {
                return;
            }
        }
    }

    static byte[] answer(String head, String body) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        return (head.replace("@LEN@", Integer.toString(b.length)) + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws Exception {
        server.close();
        for (Socket s : held) {
            s.close();
        }
    }
}
