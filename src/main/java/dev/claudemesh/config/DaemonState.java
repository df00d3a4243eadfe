package dev.claudemesh.config;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * What a running daemon publishes so clients can find it: port, pid, version, start time. A properties
 * file so the JDK-only hook path can read it without a JSON library.
 */
public record DaemonState(int port, long pid, String version, long startedAtMillis) {
    public DaemonState {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("daemon port must be 1-65535, got " + port);
        }
        if (pid < 1) {
            throw new IllegalArgumentException("daemon pid must be positive, got " + pid);
        }
        if (version == null || version.isBlank()) {
            throw new IllegalArgumentException("daemon version must not be blank");
        }
    }

    public void write(Path file) throws IOException {
        Properties p = new Properties();
        p.setProperty("port", Integer.toString(port));
        p.setProperty("pid", Long.toString(pid));
        p.setProperty("version", version);
        p.setProperty("started_at", Long.toString(startedAtMillis));
        StringWriter w = new StringWriter();
        p.store(w, "claudemesh daemon");
        MeshHome.writePrivate(file, w.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The published state, or empty if there is none or it is unreadable (a daemon half-started). */
    public static Optional<DaemonState> read(Path file) {
        try {
            Properties p = new Properties();
            p.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
            return Optional.of(new DaemonState(
                    Integer.parseInt(p.getProperty("port", "0").trim()),
                    Long.parseLong(p.getProperty("pid", "0").trim()),
                    p.getProperty("version", ""),
                    Long.parseLong(p.getProperty("started_at", "0").trim())));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
