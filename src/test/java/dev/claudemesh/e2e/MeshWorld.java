package dev.claudemesh.e2e;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudemesh.cli.CliMain;
import dev.claudemesh.client.DaemonClient;
import dev.claudemesh.client.DaemonStarter;
import dev.claudemesh.config.MeshHome;
import dev.claudemesh.support.JarRunner;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One throwaway world for end-to-end scenarios: a fake Anthropic API, a Claude Code home with claudemesh
 * really installed into it (hooks, status line, MCP entry, launcher), a claudemesh home, and the CLI run
 * in-process against them. Closing stops the daemon it started.
 */
public final class MeshWorld implements AutoCloseable {
    public final Path root;
    public final FakeAnthropicApi api;
    public final ClaudeHome home;
    public final Path meshHome;

    public record Run(int code, String out, String err) {}

    public MeshWorld(Path root) throws Exception {
        this.root = root;
        this.api = FakeAnthropicApi.start();
        this.home = ClaudeHome.create(root.resolve("home"));
        this.meshHome = root.resolve("mesh");
    }

    /** Runs {@code claudemesh install} into this world's Claude Code home (no CDS archive, for speed). */
    public Run install(String... extra) throws Exception {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(
                "install", "--jar", JarRunner.jar().toAbsolutePath().toString(), "--no-cds"));
        args.addAll(java.util.List.of(extra));
        Run r = cli(args.toArray(String[]::new));
        // Start the daemon from the test, not from claude's SessionStart hook: the harness ends every
        // descendant of claude it saw, and a daemon a hook started would be one.
        connectDaemon();
        return r;
    }

    /** Starts (or finds) this world's daemon; on a loaded machine its start may outlast one starter's wait. */
    public void connectDaemon() throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                new DaemonStarter(new MeshHome(meshHome)).connect(true);
                return;
            } catch (dev.claudemesh.client.DaemonUnavailableException slow) {
                if (attempt == 4) {
                    throw slow;
                }
            }
        }
    }

    public Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", home.home().toString());
        env.put("CLAUDEMESH_HOME", meshHome.toString());
        env.put("PATH", System.getenv("PATH"));
        return env;
    }

    public Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CliMain.run(
                args, env(), new ByteArrayInputStream(new byte[0]), new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    public Path folder(String name) throws Exception {
        Path p = Files.createDirectories(root.resolve("work").resolve(name));
        home.trustProject(p);
        return p;
    }

    public ClaudeProcess interactive(Path cwd, String... args) {
        ClaudeProcess c = ClaudeProcess.builder(home, api)
                .cwd(cwd)
                .env("CLAUDEMESH_HOME", meshHome.toString())
                .args(args)
                .startInteractive();
        c.awaitPrompt(Duration.ofSeconds(30));
        return c;
    }

    /** Claude under the PTY supervisor: the installed launcher with {@code claudeArgs}, in a pseudo-terminal. */
    public ClaudeProcess supervised(Path cwd, String... claudeArgs) {
        ClaudeProcess c = ClaudeProcess.builder(home, api)
                .cwd(cwd)
                .command(java.util.List.of(meshHome.resolve("bin/claudemesh").toString()))
                .env("CLAUDEMESH_HOME", meshHome.toString())
                .env("CLAUDEMESH_CLAUDE_BIN", ClaudeBinary.locate().toString())
                .env(
                        "CLAUDEMESH_SUPERVISOR_LOG",
                        System.getProperty(
                                "claudemesh.supervisor.log",
                                root.resolve("supervisor.log").toString()))
                .args(claudeArgs)
                .startInteractive();
        c.awaitPrompt(Duration.ofSeconds(30));
        return c;
    }

    public DaemonClient client() throws Exception {
        return new DaemonStarter(new MeshHome(meshHome)).connect(false);
    }

    public Optional<JsonNode> sessionIn(String folder) throws Exception {
        for (JsonNode s : client().get("/v1/sessions").path("sessions")) {
            if (s.path("folder").asText().equals(folder)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** The live session in {@code folder}, waiting for its SessionStart hook to register it. */
    public JsonNode awaitSession(String folder) throws Exception {
        return await("a session registered in folder " + folder)
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(50))
                .ignoreExceptions() // the daemon may still be starting
                .until(() -> sessionIn(folder), Optional::isPresent)
                .get();
    }

    /** Waits until message {@code mid} is acked (it reached claude). */
    public void awaitAcked(String mid) throws Exception {
        DaemonClient c = client();
        await("message " + mid + " acked")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(
                        () -> c.get("/v1/messages/" + mid)
                                .path("message")
                                .path("state")
                                .asText(),
                        "acked"::equals);
    }

    /** Waits until the session's idle flag (set by its Stop hook) is {@code idle}. */
    public JsonNode awaitIdle(String id, boolean idle) throws Exception {
        DaemonClient c = client();
        return await("session " + id + " " + (idle ? "idle" : "busy"))
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> c.session(id), s -> s.path("idle").asBoolean() == idle);
    }

    @Override
    public void close() {
        try {
            client().post("/v1/shutdown", null);
        } catch (Exception ignored) {
            // no daemon
        }
        api.close();
    }
}
