package dev.claudemesh.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Claude Code 2.1.332's own per-session inbox, as a peer session uses it: a unix socket
 * ({@code messagingSocketPath} in {@code <config>/sessions/<pid>.json}) taking JSON lines, an auth line with
 * the peer token from {@code <pid>.<hash>.key}, then {@code {"type":"user","message":{...}}}. Not a
 * documented interface: used here only to measure it against claudemesh's own delivery paths.
 */
final class MessagingSocket {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path socket;
    private final String token;

    private MessagingSocket(Path socket, String token) {
        this.socket = socket;
        this.token = token;
    }

    static MessagingSocket of(Path claudeConfigDir, long claudePid) throws IOException {
        Path sessions = claudeConfigDir.resolve("sessions");
        JsonNode file = JSON.readTree(sessions.resolve(claudePid + ".json").toFile());
        String token = null;
        try (DirectoryStream<Path> keys = Files.newDirectoryStream(sessions, claudePid + ".*.key")) {
            for (Path key : keys) {
                token = JSON.readTree(key.toFile()).path("peerToken").asText(null);
            }
        }
        return new MessagingSocket(Path.of(file.path("messagingSocketPath").asText()), token);
    }

    /** Writes one user message and closes; claude answers nothing on the socket. */
    void send(String text) throws IOException {
        String auth =
                JSON.createObjectNode().put("type", "auth").put("token", token).toString();
        var message = JSON.createObjectNode().put("type", "user");
        message.putObject("message").put("role", "user").put("content", text);
        byte[] lines = (auth + "\n" + message + "\n").getBytes(StandardCharsets.UTF_8);
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ch.write(ByteBuffer.wrap(lines));
            ch.shutdownOutput();
            ch.read(ByteBuffer.allocate(256)); // until claude closes its side
        }
    }
}
