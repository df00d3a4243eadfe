package dev.claudemesh.gui;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudemesh.gui.model.MeshModel;
import dev.claudemesh.support.Sleepers;
import dev.claudemesh.support.TestDaemon;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * A real daemon in-process (port 0, temp home, transcripts only under the test's own projects folder), the GUI
 * services and a started model for it, and real processes to register as sessions.
 */
public final class GuiFixture implements AutoCloseable {
    public final Path dir;
    public final Path claudeConfig;
    public TestDaemon daemon;
    public final GuiServices services;
    public final MeshModel model;
    public final Sleepers sleepers = new Sleepers();

    public GuiFixture(Path dir) throws Exception {
        this.dir = dir;
        this.claudeConfig = dir.resolve(".claude-config");
        this.daemon = TestDaemon.startHosted(dir, claudeConfig); // as the tray app hosts it: this JVM is the tray app
        this.services = GuiServices.forHome(daemon.home, claudeConfig);
        this.model = new MeshModel(services, Duration.ofSeconds(5));
        model.start();
        until(() -> FxTesting.onFx(() -> model.connection().get().isConnected()));
    }

    /** Registers a real process (sleep) as a session in {@code cwd}; returns its claudemesh id. */
    public String register(String sessionId, String cwd) throws Exception {
        return register(sessionId, cwd, null);
    }

    public String register(String sessionId, String cwd, Path transcript) throws Exception {
        Map<String, Object> req = new HashMap<>();
        req.put("session_id", sessionId);
        req.put("pid", sleepers.start());
        req.put("cwd", cwd);
        if (transcript != null) {
            req.put("transcript_path", transcript.toString());
        }
        JsonNode r = daemon.client.post("/v1/sessions", req);
        return r.path("session").path("id").asText();
    }

    /** Sends a message as the CLI would. */
    public String send(String from, String to, String kind, String body) throws Exception {
        return daemon.client
                .post("/v1/messages", Map.of("from", from, "to", to, "kind", kind, "body", body))
                .path("id")
                .asText();
    }

    /** Delivers a session's open messages through a lease and its ack, as a supervisor does. */
    public void deliverAsSupervisor(String id) throws Exception {
        JsonNode lease = daemon.client.post("/v1/sessions/" + id + "/lease", Map.of("holder", "supervisor"));
        daemon.client.post("/v1/leases/" + lease.path("lease_id").asText() + "/ack", null);
    }

    public static void until(Callable<Boolean> c) {
        await().atMost(Duration.ofSeconds(40))
                .pollInterval(Duration.ofMillis(50))
                .until(c);
    }

    @Override
    public void close() throws Exception {
        model.close();
        if (daemon != null) {
            daemon.close();
        }
        sleepers.close();
        services.background().shutdownNow();
    }
}
