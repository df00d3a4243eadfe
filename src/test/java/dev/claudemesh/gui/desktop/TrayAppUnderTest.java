package dev.claudemesh.gui.desktop;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudemesh.api.SendRequest;
import dev.claudemesh.client.DaemonClient;
import dev.claudemesh.client.DaemonStarter;
import dev.claudemesh.config.DaemonState;
import dev.claudemesh.config.JvmFlags;
import dev.claudemesh.config.MeshHome;
import dev.claudemesh.message.MessageKind;
import dev.claudemesh.session.AttachmentKind;
import dev.claudemesh.support.JarRunner;
import dev.claudemesh.support.Sleepers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** {@code claudemesh tray} from the built jar, in a {@link DesktopSession}, with a temp home of its own. */
public final class TrayAppUnderTest implements AutoCloseable {
    public final DesktopSession desktop;
    final MeshHome home;
    final Path userHome;
    final Sleepers sleepers = new Sleepers();
    public Process process;

    public TrayAppUnderTest(DesktopSession desktop) throws Exception {
        this.desktop = desktop;
        this.userHome = desktop.dir.resolve("user");
        this.home = new MeshHome(desktop.dir.resolve("mesh"));
        Files.createDirectories(userHome);
    }

    public TrayAppUnderTest start(String... args) throws Exception {
        process = launch("app", "tray", args);
        return this;
    }

    /** Runs another claudemesh command of the built jar in the same home and desktop (e.g. a headless daemon). */
    public Process launch(String logName, String command, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(JvmFlags.TRAY);
        cmd.addAll(List.of("-jar", JarRunner.jar().toString(), command));
        cmd.addAll(List.of(args));
        return desktop.spawn(
                logName,
                cmd,
                Map.of(
                        "HOME", userHome.toString(),
                        "CLAUDEMESH_HOME", home.dir().toString(),
                        "CLAUDE_CONFIG_DIR", userHome.resolve(".claude").toString(),
                        "XDG_CONFIG_HOME", userHome.resolve(".config").toString(),
                        "CLAUDEMESH_PORT", "0"));
    }

    public String log() throws Exception {
        return desktop.log("app");
    }

    public void awaitLog(String text) throws Exception {
        DesktopSession.waitFor("app log line '" + text + "'", () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("the tray app exited (" + process.exitValue() + "):\n" + log());
            }
            return log().contains(text);
        });
    }

    DaemonClient client() throws Exception {
        DesktopSession.waitFor(
                "the hosted daemon", () -> new DaemonStarter(home).existing().isPresent());
        return new DaemonStarter(home).connect(false);
    }

    public long daemonPid() {
        return DaemonState.read(home.stateFile()).orElseThrow().pid();
    }

    /** Registers a real (sleeping) process as a claude session in folder {@code folder}; returns its id. */
    public String session(String folder, boolean idle) throws Exception {
        long pid = sleepers.start();
        JsonNode s = client().post(
                        "/v1/sessions",
                        Map.of("session_id", UUID.randomUUID().toString(), "pid", pid, "cwd", "/work/" + folder))
                .path("session");
        String id = s.path("id").asText();
        if (idle) {
            client().post("/v1/sessions/" + id + "/idle", Map.of("idle", true));
        }
        return id;
    }

    void supervise(String id) throws Exception {
        client().attach(id, AttachmentKind.SUPERVISOR, sleepers.start());
    }

    void send(String to, MessageKind kind, String body) throws Exception {
        client().send(new SendRequest(null, to, kind, body, null));
    }

    @Override
    public void close() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroy(); // SIGTERM: the app's clean stop
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        sleepers.close();
    }
}
