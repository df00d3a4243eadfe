package dev.claudemesh.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudemesh.client.DaemonClient;
import dev.claudemesh.config.DaemonState;
import dev.claudemesh.config.MeshConfig;
import dev.claudemesh.config.MeshHome;
import dev.claudemesh.config.Token;
import dev.claudemesh.daemon.Daemon;
import dev.claudemesh.mesh.MeshLimits;
import dev.claudemesh.session.ProcessProbe;
import dev.claudemesh.transcript.TranscriptLocator;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A daemon started in-process on port 0 with a fresh home, plus a client and raw HTTP access. */
public final class TestDaemon implements AutoCloseable {
    public final MeshHome home;
    public final Daemon daemon;
    public final String token;
    public final DaemonClient client;

    private TestDaemon(MeshHome home, Daemon daemon) {
        this.home = home;
        this.daemon = daemon;
        this.token = Token.read(home.tokenFile());
        this.client = new DaemonClient(DaemonState.read(home.stateFile()).orElseThrow(), token);
    }

    public static TestDaemon start(Path dir) throws Exception {
        return start(dir, MeshLimits.DEFAULT);
    }

    /** Reads transcripts only under {@code dir/.claude-config/projects}: never the real ~/.claude. */
    public static TestDaemon start(Path dir, MeshLimits limits) throws Exception {
        return start(dir, limits, dir.resolve(".claude-config"));
    }

    /** A daemon that reads transcripts under {@code claudeConfigDir/projects} (what CLAUDE_CONFIG_DIR names). */
    public static TestDaemon start(Path dir, Path claudeConfigDir) throws Exception {
        return start(dir, MeshLimits.DEFAULT, claudeConfigDir);
    }

    public static TestDaemon start(Path dir, MeshLimits limits, Path claudeConfigDir) throws Exception {
        MeshHome home = new MeshHome(dir);
        Daemon d = Daemon.start(
                        home,
                        new MeshConfig(0, limits, "paste"),
                        ProcessProbe.SYSTEM,
                        new TranscriptLocator(claudeConfigDir))
                .orElseThrow();
        return new TestDaemon(home, d);
    }

    /** A daemon hosted in this process, as the tray app hosts one: this process is then the tray app. */
    public static TestDaemon startHosted(Path dir) throws Exception {
        return startHosted(dir, dir.resolve(".claude-config"));
    }

    /** Hosted (see {@link #startHosted(Path)}), reading transcripts under {@code claudeConfigDir/projects}. */
    public static TestDaemon startHosted(Path dir, Path claudeConfigDir) throws Exception {
        MeshHome home = new MeshHome(dir);
        Daemon d = Daemon.start(
                        home,
                        new MeshConfig(0, MeshLimits.DEFAULT, "paste"),
                        ProcessProbe.SYSTEM,
                        new TranscriptLocator(claudeConfigDir),
                        true)
                .orElseThrow();
        return new TestDaemon(home, d);
    }

    public int port() {
        return daemon.port();
    }

    public RawHttp.Response raw(String method, String path, Map<String, String> headers, String body) throws Exception {
        return RawHttp.send(port(), method, path, headers, body);
    }

    /** Registers a session for a real process (e.g. a {@link Sleepers} child) in folder {@code cwd}. */
    public JsonNode register(String sessionId, long pid, String cwd) throws Exception {
        return client.post("/v1/sessions", Map.of("session_id", sessionId, "pid", pid, "cwd", cwd))
                .path("session");
    }

    public List<JsonNode> sessions() throws Exception {
        List<JsonNode> out = new java.util.ArrayList<>();
        client.get("/v1/sessions").path("sessions").forEach(out::add);
        return out;
    }

    @Override
    public void close() {
        daemon.close();
    }
}
