package dev.claudemesh.install;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.claudemesh.cli.CliMain;
import dev.claudemesh.client.DaemonClient;
import dev.claudemesh.client.DaemonStarter;
import dev.claudemesh.config.DaemonState;
import dev.claudemesh.config.MeshHome;
import dev.claudemesh.support.HomeDaemons;
import dev.claudemesh.support.JarRunner;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway home with claudemesh installed ({@code --hooks} as asked) and the hook commands run exactly as claude
 * runs them: {@code /bin/sh -c <command from settings.json>}, claude's JSON on stdin, {@code CLAUDE_PID} set.
 */
final class ThinHooks implements AutoCloseable {
    record Ran(int exit, String out, String err) {}

    final Path home;
    final MeshHome mesh;
    private final JsonNode settings;
    /** Environment every hook run gets on top of claude's (e.g. {@code CLAUDEMESH_HOOK_BASH=} for the curl path). */
    final Map<String, String> extra = new HashMap<>();

    ThinHooks(Path dir, String hooks) throws Exception {
        this(dir, hooks, Map.of());
    }

    /** Installs with {@code extra} in the environment (install's and every hook run's). */
    ThinHooks(Path dir, String hooks, Map<String, String> extra) throws Exception {
        this.extra.putAll(extra);
        this.home = dir;
        this.mesh = new MeshHome(dir.resolve(".claudemesh"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = CliMain.run(
                new String[] {
                    "install", "--jar", JarRunner.jar().toAbsolutePath().toString(), "--no-cds", "--hooks", hooks
                },
                env(null),
                new ByteArrayInputStream(new byte[0]),
                new PrintWriter(out),
                new PrintWriter(err));
        if (rc != 0) {
            throw new IllegalStateException("install failed: " + err);
        }
        settings =
                new ObjectMapper().readTree(dir.resolve(".claude/settings.json").toFile());
    }

    Map<String, String> env(Long claudePid) {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", home.toString());
        env.put("PATH", System.getenv("PATH"));
        String port = System.getenv("CLAUDEMESH_PORT"); // the test run's (0): a daemon a hook starts takes a free port
        if (port != null) {
            env.put("CLAUDEMESH_PORT", port);
        }
        if (claudePid != null) {
            env.put("CLAUDE_PID", Long.toString(claudePid));
        }
        env.putAll(extra);
        return env;
    }

    /** The command settings.json runs for {@code event} (its first hook), or the status line's. */
    String command(String event) {
        if (event.equals("statusline")) {
            return settings.path("statusLine").path("command").asText();
        }
        return settings.path("hooks")
                .path(event)
                .path(0)
                .path("hooks")
                .path(0)
                .path("command")
                .asText();
    }

    /** The background Stop waiter's command (the second Stop entry, asyncRewake). */
    String waiterCommand() {
        return settings.path("hooks")
                .path("Stop")
                .path(1)
                .path("hooks")
                .path(0)
                .path("command")
                .asText();
    }

    /** Starts {@code command} as claude would, with claude's JSON on stdin and {@code extra} environment. */
    Process start(String command, long claudePid, String stdin, Map<String, String> extra) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", command);
        pb.environment().clear();
        pb.environment().putAll(env(claudePid));
        pb.environment().putAll(extra);
        Process p = pb.start();
        try (var in = p.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            // a hook may end without reading its input (the quiet prompt does), as claude allows: a broken pipe here
            // says nothing about the hook; its exit code and output do
        }
        return p;
    }

    Ran run(String event, long claudePid, String stdin) throws Exception {
        return finish(event, start(command(event), claudePid, stdin, Map.of()));
    }

    static Ran finish(String event, Process p) throws Exception {
        var out = p.getInputStream().readAllBytes();
        var err = p.getErrorStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(event + " hook did not end within 60 s");
        }
        return new Ran(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    /** Starts this home's daemon as its own process (as a client would) and returns a client for it. */
    DaemonClient startDaemon() throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return new DaemonStarter(mesh).connect(true);
            } catch (dev.claudemesh.client.DaemonUnavailableException slow) {
                if (attempt == 4) {
                    throw slow;
                }
            }
        }
    }

    /** Stops the daemon (if one runs) and waits for its process to end. */
    void stopDaemon() throws Exception {
        var state = DaemonState.read(mesh.stateFile());
        if (state.isEmpty()) {
            return;
        }
        try {
            new DaemonStarter(mesh).connect(false).post("/v1/shutdown", null);
        } catch (Exception gone) {
            // not answering: end it by pid below
        }
        var handle = ProcessHandle.of(state.get().pid());
        // only a daemon of this home (a fake state may name another process); not by its command line, which the
        // JDK may cut short before the main class (a long class path)
        if (handle.isPresent() && HomeDaemons.of(mesh).contains(handle.get().pid())) {
            try {
                handle.get().onExit().get(20, TimeUnit.SECONDS);
            } catch (Exception stuck) {
                handle.get().destroyForcibly();
            }
        }
    }

    static String input(String sid, String event, String extra) {
        return "{\"session_id\":\"" + sid + "\",\"transcript_path\":\"/tmp/t.jsonl\",\"cwd\":\"/tmp/work/api\","
                + "\"hook_event_name\":\"" + event + "\"" + extra + "}";
    }

    boolean stateFileExists() {
        return Files.exists(mesh.stateFile());
    }

    @Override
    public void close() throws Exception {
        stopDaemon();
        HomeDaemons.stopAll(mesh); // also any a hook started in the background
    }
}
