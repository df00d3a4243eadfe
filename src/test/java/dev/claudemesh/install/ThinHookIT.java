package dev.claudemesh.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudemesh.client.DaemonClient;
import dev.claudemesh.client.DaemonStarter;
import dev.claudemesh.config.DaemonState;
import dev.claudemesh.support.HomeDaemons;
import dev.claudemesh.support.Sleepers;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The thin hooks as claude runs them, against a real daemon process: output, acks, fail-open silence. Here the
 * bash /dev/tcp path; {@link ThinHookCurlIT} runs every case again on the curl path.
 */
class ThinHookIT {
    @TempDir
    Path dir;

    /** The environment that picks the transport under test (none: bash, the default where it exists). */
    Map<String, String> transport() {
        return Map.of();
    }

    boolean bashPath() {
        return true;
    }

    ThinHooks hooks() throws Exception {
        return hooks(Map.of());
    }

    ThinHooks hooks(Map<String, String> env) throws Exception {
        Map<String, String> all = new java.util.HashMap<>(transport());
        all.putAll(env);
        return new ThinHooks(dir, "thin", all);
    }

    @Test
    void install_points_every_hook_and_the_status_line_at_the_thin_launcher() throws Exception {
        try (ThinHooks h = hooks()) {
            String thin = dir.resolve(".claudemesh/thin/claudemesh").toString();
            for (String e : new String[] {"SessionStart", "Stop", "SessionEnd", "statusline"}) {
                assertThat(h.command(e)).startsWith(thin);
            }
            assertThat(h.command("UserPromptSubmit"))
                    .isEqualTo(QuietPrompt.prefix(dir.resolve(".claudemesh")) + thin + " hook UserPromptSubmit");
            assertThat(Files.readString(dir.resolve(".claudemesh/thin/claudemesh")))
                    .startsWith("#!/bin/sh")
                    .doesNotContain(Files.exists(h.mesh.tokenFile()) ? Files.readString(h.mesh.tokenFile()) : "§");
        }
    }

    @Test
    void the_prompt_hook_prints_a_waiting_task_as_context_and_acks_it_after_printing() throws Exception {
        try (Sleepers s = new Sleepers();
                ThinHooks h = hooks()) {
            DaemonClient c = h.startDaemon();
            long claude = s.start();
            ThinHooks.Ran start =
                    h.run("SessionStart", claude, ThinHooks.input("thin-1", "SessionStart", ",\"source\":\"startup\""));
            assertThat(start.out()).contains("\"additionalContext\"").contains("you are session");
            String mid = c.post("/v1/messages", Map.of("to", "api", "body", "run the thin suite"))
                    .path("id")
                    .asText();
            ThinHooks.Ran prompt = h.run(
                    "UserPromptSubmit", claude, ThinHooks.input("thin-1", "UserPromptSubmit", ",\"prompt\":\"hi\""));
            assertThat(prompt.exit()).isZero();
            JsonNode out = c.json().readTree(prompt.out());
            assertThat(out.path("hookSpecificOutput").path("additionalContext").asText())
                    .contains("run the thin suite")
                    .contains(mid);
            JsonNode m = c.get("/v1/messages/" + mid).path("message");
            assertThat(m.path("state").asText()).isEqualTo("acked");
            assertThat(m.path("delivered_via").asText()).isEqualTo("hook:prompt");
        }
    }

    @Test
    void the_stop_hook_hands_a_waiting_task_over_with_a_block_and_acks_it() throws Exception {
        try (Sleepers s = new Sleepers();
                ThinHooks h = hooks()) {
            DaemonClient c = h.startDaemon();
            long claude = s.start();
            h.run("SessionStart", claude, ThinHooks.input("thin-2", "SessionStart", ",\"source\":\"startup\""));
            String mid = c.post("/v1/messages", Map.of("to", "api", "body", "hand me over"))
                    .path("id")
                    .asText();
            ThinHooks.Ran stop =
                    h.run("Stop", claude, ThinHooks.input("thin-2", "Stop", ",\"stop_hook_active\":false"));
            JsonNode out = c.json().readTree(stop.out());
            assertThat(out.path("decision").asText()).isEqualTo("block");
            assertThat(out.path("reason").asText()).contains("hand me over");
            assertThat(c.get("/v1/messages/" + mid)
                            .path("message")
                            .path("state")
                            .asText())
                    .isEqualTo("acked");
        }
    }

    @Test
    void with_the_daemon_down_every_hook_and_the_status_line_exit_0_and_print_nothing() throws Exception {
        try (Sleepers s = new Sleepers();
                ThinHooks h = hooks()) {
            long claude = s.start();
            h.startDaemon();
            h.run("SessionStart", claude, ThinHooks.input("thin-3", "SessionStart", ",\"source\":\"startup\""));
            for (String e : new String[] {"SessionEnd", "UserPromptSubmit", "Stop", "statusline"}) {
                h.stopDaemon(); // its state file may stay behind: the hook must not trust it
                HomeDaemons.stopAll(h.mesh);
                Files.deleteIfExists(h.mesh.dir().resolve("daemon.spawned"));
                ThinHooks.Ran r = h.run(e, claude, ThinHooks.input("thin-3", e, ",\"prompt\":\"hi\""));
                assertThat(r.exit()).as(e).isZero();
                assertThat(r.out()).as(e).isEmpty();
                assertThat(r.err()).as(e).isEmpty();
                if (e.equals("SessionEnd")) {
                    assertThat(HomeDaemons.of(h.mesh))
                            .as("an ending session starts no daemon")
                            .isEmpty();
                } else {
                    assertThat(HomeDaemons.awaitRunning(h.mesh, Duration.ofSeconds(60)))
                            .as(e + " started a daemon in the background")
                            .isPresent();
                }
            }
        }
    }

    @Test
    void a_prompt_with_no_daemon_starts_one_and_the_next_prompt_registers_the_lost_session() throws Exception {
        try (Sleepers s = new Sleepers();
                ThinHooks h = hooks()) {
            long claude = s.start();
            h.startDaemon();
            h.stopDaemon();
            String prompt = ThinHooks.input("thin-heal", "UserPromptSubmit", ",\"prompt\":\"hi\"");
            ThinHooks.Ran first = h.run("UserPromptSubmit", claude, prompt);
            assertThat(first.exit()).isZero();
            assertThat(first.out()).isEmpty();
            assertThat(first.err()).isEmpty();
            assertThat(HomeDaemons.awaitRunning(h.mesh, Duration.ofSeconds(60))).isPresent();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(h.run("UserPromptSubmit", claude, prompt).exit()).isZero();
                assertThat(new DaemonStarter(h.mesh)
                                .connect(false)
                                .get("/v1/sessions/by-session-id/thin-heal")
                                .path("pid")
                                .asLong())
                        .isEqualTo(claude);
            });
        }
    }

    @Test
    void with_the_daemon_hung_the_prompt_hook_gives_up_silently() throws Exception {
        try (Sleepers s = new Sleepers();
                ThinHooks h = hooks()) {
            long claude = s.start();
            DaemonClient c = h.startDaemon();
            h.run("SessionStart", claude, ThinHooks.input("thin-4", "SessionStart", ",\"source\":\"startup\""));
            c.post("/v1/messages", Map.of("to", "api", "body", "stays safe"));
            long pid = c.state().pid();
            signal("STOP", pid);
            try {
                ThinHooks.Ran r = h.run(
                        "UserPromptSubmit", claude, ThinHooks.input("thin-4", "UserPromptSubmit", ",\"prompt\":\"x\""));
                assertThat(r.exit()).isZero();
                assertThat(r.out()).isEmpty();
                assertThat(r.err()).isEmpty();
            } finally {
                signal("CONT", pid);
            }
        }
    }

    @Test
    void a_broken_answer_prints_nothing() throws Exception {
        try (Sleepers s = new Sleepers();
                ThinHooks h = hooks();
                ServerSocket garbage = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            long claude = s.start();
            DaemonClient c = h.startDaemon();
            CompletableFuture.runAsync(
                    () -> answerAll(garbage, "HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nnot json!", null));
            DaemonState real = c.state();
            new DaemonState(garbage.getLocalPort(), real.pid(), real.version(), real.startedAtMillis())
                    .write(h.mesh.stateFile());
            ThinHooks.Ran r = h.run(
                    "UserPromptSubmit", claude, ThinHooks.input("thin-5", "UserPromptSubmit", ",\"prompt\":\"x\""));
            assertThat(r.exit()).isZero();
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).isEmpty();
            real.write(h.mesh.stateFile());
        }
    }

    @Test
    void the_token_is_never_sent_to_a_listener_whose_state_pid_is_not_a_claudemesh_process() throws Exception {
        try (Sleepers s = new Sleepers();
                ThinHooks h = hooks();
                ServerSocket impostor = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            long claude = s.start();
            h.startDaemon();
            h.stopDaemon();
            AtomicInteger connections = new AtomicInteger();
            CompletableFuture.runAsync(
                    () -> answerAll(impostor, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", connections));
            new DaemonState(impostor.getLocalPort(), s.start(), dev.claudemesh.Version.current(), 1L)
                    .write(h.mesh.stateFile());
            for (String e : new String[] {"UserPromptSubmit", "Stop", "SessionEnd", "statusline"}) {
                ThinHooks.Ran r = h.run(e, claude, ThinHooks.input("thin-6", e, ",\"prompt\":\"secret prompt\""));
                assertThat(r.exit()).as(e).isZero();
                // the first hook starts this home's own daemon in the background; once it is up, the status line
                // may show the session it registers: "[id]" from our daemon, never anything from the impostor
                assertThat(r.out()).as(e).matches("|\\[[a-z0-9]{8}[^\\]]*\\]");
            }
            assertThat(connections.get()).isZero();
        }
    }

    @Test
    void session_start_with_no_daemon_running_starts_one_through_the_jvm_path_and_registers() throws Exception {
        try (Sleepers s = new Sleepers();
                ThinHooks h = hooks()) {
            long claude = s.start();
            assertThat(h.stateFileExists()).isFalse();
            ThinHooks.Ran start =
                    h.run("SessionStart", claude, ThinHooks.input("thin-7", "SessionStart", ",\"source\":\"startup\""));
            assertThat(start.exit()).isZero();
            assertThat(start.out()).contains("you are session");
            DaemonClient c = h.startDaemon();
            assertThat(c.get("/v1/sessions/by-session-id/thin-7").path("pid").asLong())
                    .isEqualTo(claude);
        }
    }

    private static void answerAll(ServerSocket server, String reply, AtomicInteger count) {
        while (!server.isClosed()) {
            try (Socket sock = server.accept()) {
                if (count != null) {
                    count.incrementAndGet();
                }
                sock.getInputStream().read(new byte[65536]);
                sock.getOutputStream().write(reply.getBytes(StandardCharsets.US_ASCII));
            } catch (Exception closed) {
                return;
            }
        }
    }

    private static void signal(String sig, long pid) throws Exception {
        new ProcessBuilder("kill", "-" + sig, Long.toString(pid)).start().waitFor();
    }
}
