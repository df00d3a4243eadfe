package dev.claudemesh.notify.desktop;

import dev.claudemesh.config.MeshHome;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How other processes reach the running tray app: a unix-domain socket, {@code tray.sock} in the claudemesh
 * home. The home is 0700, so only this OS user can connect: no token, no port, nothing a web page can reach.
 * One line per connection, answered with one line: {@code show} brings the window forward, {@code session
 * <id>} opens it at that session (a click on a notification the headless daemon raised).
 */
public final class TrayLink {
    public static final String SHOW = "show";
    public static final String SESSION = "session";
    private static final Pattern SESSION_ID = Pattern.compile("[a-z0-9]{8}");

    private TrayLink() {}

    public static Path socket(MeshHome home) {
        return home.dir().resolve("tray.sock");
    }

    /** A command for the app, parsed; empty when it is not one. */
    public record Request(String verb, String sessionId) {
        public static Optional<Request> parse(String line) {
            if (line == null) {
                return Optional.empty();
            }
            String l = line.strip();
            if (l.equals(SHOW)) {
                return Optional.of(new Request(SHOW, null));
            }
            if (l.startsWith(SESSION + " ")
                    && SESSION_ID.matcher(l.substring(SESSION.length() + 1)).matches()) {
                return Optional.of(new Request(SESSION, l.substring(SESSION.length() + 1)));
            }
            return Optional.empty();
        }

        public String line() {
            return sessionId == null ? verb : verb + " " + sessionId;
        }
    }

    /** Sends one request to the running app; its answer ({@code ok pid=N}), or empty when no app listens. */
    public static Optional<String> tell(MeshHome home, Request request) {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket(home)));
            OutputStream out = Channels.newOutputStream(ch);
            out.write((request.line() + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(Channels.newInputStream(ch), StandardCharsets.UTF_8));
            return Optional.ofNullable(in.readLine());
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }
}
