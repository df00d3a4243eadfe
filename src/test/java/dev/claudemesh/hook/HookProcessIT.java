package dev.claudemesh.hook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.claudemesh.config.DaemonState;
import dev.claudemesh.config.MeshHome;
import dev.claudemesh.support.HomeDaemons;
import dev.claudemesh.support.JarRunner;
import dev.claudemesh.support.Sleepers;
import dev.claudemesh.support.TestDaemon;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hook process as claude runs it: lean class loading, fail-open behaviour, the protocol on stdout. */
class HookProcessIT {
    @TempDir
    Path dir;

    static String stopInput(String sid) {
        return "{\"session_id\":\"" + sid + "\",\"transcript_path\":\"/tmp/t.jsonl\",\"cwd\":\"/tmp/work/api\","
                + "\"hook_event_name\":\"Stop\",\"stop_hook_active\":false}";
    }

    @Test
    void hook_and_statusline_load_no_picocli_jackson_javalin_or_sqlite_classes() throws Exception {
        try (Sleepers s = new Sleepers();
                TestDaemon d = TestDaemon.start(dir)) {
            long pid = s.start();
            d.register("lean-1", pid, "/tmp/work/api");
            d.client.post("/v1/messages", Map.of("to", "api", "body", "load me"));
            Map<String, String> env = Map.of("CLAUDEMESH_HOME", dir.toString(), "CLAUDE_PID", Long.toString(pid));
            Path log = dir.resolve("classes.log");
            JarRunner.Result stop = JarRunner.run(
                    env, stopInput("lean-1"), List.of("-Xlog:class+load=info:file=" + log), "hook", "Stop");
            assertThat(stop.out()).startsWith("{\"decision\":\"block\"").contains("load me");
            assertLean(Files.readString(log));
            JarRunner.Result status =
                    JarRunner.run(env, stopInput("lean-1"), List.of("-Xlog:class+load=info:file=" + log), "statusline");
            assertThat(status.out()).startsWith("[").endsWith("]");
            assertLean(Files.readString(log));
        }
    }

    private static void assertLean(String loaded) {
        assertThat(loaded).contains("dev.claudemesh.hook.HookMain");
        assertThat(loaded)
                .doesNotContain(
                        "picocli",
                        "com.fasterxml.jackson",
                        "io.javalin",
                        "org.sqlite",
                        "org.eclipse.jetty",
                        "java.net.http");
    }

    @AfterEach
    void endDaemonsHooksStarted() {
        HomeDaemons.stopAll(new MeshHome(dir));
    }

    @Test
    void with_no_daemon_a_session_end_exits_0_silently_and_starts_none() throws Exception {
        Map<String, String> env = Map.of("CLAUDEMESH_HOME", dir.toString());
        JarRunner.Result r = JarRunner.run(env, stopInput("none-1"), List.of(), "hook", "SessionEnd");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEmpty();
        assertThat(HomeDaemons.of(new MeshHome(dir))).isEmpty();
    }

    @Test
    void with_no_daemon_every_other_hook_exits_0_silently_and_leaves_a_daemon_starting_in_the_background()
            throws Exception {
        MeshHome home = new MeshHome(dir);
        for (String event : List.of("UserPromptSubmit", "Stop", "statusline")) {
            HomeDaemons.stopAll(home);
            Map<String, String> env = Map.of("CLAUDEMESH_HOME", dir.toString());
            JarRunner.Result r = event.equals("statusline")
                    ? JarRunner.run(env, stopInput("none-1"), List.of(), "statusline")
                    : JarRunner.run(env, stopInput("none-1"), List.of(), "hook", event);
            assertThat(r.exit()).as(event).isZero();
            assertThat(r.out()).as(event).isEmpty();
            assertThat(r.err()).as(event).isEmpty();
            assertThat(HomeDaemons.awaitRunning(home, Duration.ofSeconds(60)))
                    .as(event + " left a daemon running")
                    .isPresent();
            Files.deleteIfExists(dir.resolve("daemon.spawned")); // the next event may start one at once
        }
    }

    @Test
    void a_prompt_with_no_daemon_starts_one_and_the_next_prompt_registers_the_session() throws Exception {
        MeshHome home = new MeshHome(dir.resolve("not-made-yet")); // even the home folder is missing
        try (Sleepers s = new Sleepers()) {
            long pid = s.start();
            Map<String, String> env =
                    Map.of("CLAUDEMESH_HOME", home.dir().toString(), "CLAUDE_PID", Long.toString(pid));
            String prompt = "{\"session_id\":\"heal-1\",\"cwd\":\"/tmp/work/healed\","
                    + "\"hook_event_name\":\"UserPromptSubmit\",\"prompt\":\"hi\"}";
            JarRunner.Result first = JarRunner.run(env, prompt, List.of(), "hook", "UserPromptSubmit");
            assertThat(first.exit()).isZero();
            assertThat(first.out()).isEmpty();
            assertThat(HomeDaemons.awaitRunning(home, Duration.ofSeconds(60))).isPresent();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                JarRunner.Result again = JarRunner.run(env, prompt, List.of(), "hook", "UserPromptSubmit");
                assertThat(again.exit()).isZero();
                JarRunner.Result list = JarRunner.run(env, "", List.of(), "list", "--json");
                assertThat(list.out()).contains("\"session_id\" : \"heal-1\"").contains("healed");
            });
        } finally {
            HomeDaemons.stopAll(home);
        }
    }

    /** How soon it gives up is a figure of the hooks benchmark; here: it gives up on its own, silently. */
    @Test
    void a_hung_daemon_is_abandoned_silently() throws Exception {
        try (ServerSocket hung = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            CompletableFuture.runAsync(() -> {
                try {
                    while (true) {
                        Socket s = hung.accept(); // accept and never answer
                        s.getInputStream();
                    }
                } catch (Exception closed) {
                    // test over
                }
            });
            MeshHome home = new MeshHome(dir);
            home.ensure();
            new DaemonState(hung.getLocalPort(), ProcessHandle.current().pid(), "0.1.0", 0).write(home.stateFile());
            Files.writeString(home.tokenFile(), "t".repeat(64));
            JarRunner.Result r = JarRunner.run(
                    Map.of("CLAUDEMESH_HOME", dir.toString()), stopInput("h-1"), List.of(), "hook", "Stop");
            assertThat(r.exit()).isZero();
            assertThat(r.out()).isEmpty();
            assertThat(r.millis()).as("abandoned, not waited for").isLessThan(30_000);
        }
    }

    @Test
    void a_daemon_answering_garbage_is_ignored() throws Exception {
        try (ServerSocket bad = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            CompletableFuture.runAsync(() -> {
                try {
                    while (true) {
                        try (Socket s = bad.accept()) {
                            InputStream in = s.getInputStream();
                            in.read(new byte[8192]);
                            s.getOutputStream()
                                    .write("HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\n{\"stdout\""
                                            .getBytes(StandardCharsets.US_ASCII));
                        }
                    }
                } catch (Exception closed) {
                    // test over
                }
            });
            MeshHome home = new MeshHome(dir);
            home.ensure();
            new DaemonState(bad.getLocalPort(), ProcessHandle.current().pid(), "0.1.0", 0).write(home.stateFile());
            Files.writeString(home.tokenFile(), "t".repeat(64));
            JarRunner.Result r = JarRunner.run(
                    Map.of("CLAUDEMESH_HOME", dir.toString()), stopInput("g-1"), List.of(), "hook", "Stop");
            assertThat(r.exit()).isZero();
            assertThat(r.out()).isEmpty();
        }
    }

    @Test
    void the_background_waiter_exits_at_once_in_print_mode() throws Exception {
        try (Sleepers s = new Sleepers();
                TestDaemon d = TestDaemon.start(dir)) {
            long pid = s.start();
            d.register("pm-1", pid, "/tmp/work/api");
            Map<String, String> env = Map.of(
                    "CLAUDEMESH_HOME",
                    dir.toString(),
                    "CLAUDE_PID",
                    Long.toString(pid),
                    "CLAUDE_CODE_ENTRYPOINT",
                    "sdk-cli");
            JarRunner.Result r = JarRunner.run(env, stopInput("pm-1"), List.of(), "hook", "StopWaiter");
            assertThat(r.exit()).isZero();
            // claude -p waits for its background hooks; a parked waiter would stay for its hour-long budget
            assertThat(r.millis()).isLessThan(30_000);
            assertThat(d.client
                            .get("/v1/sessions/by-session-id/pm-1")
                            .path("supervised")
                            .asBoolean())
                    .isFalse();
        }
    }

    @Test
    void malformed_stdin_is_ignored_with_a_note_on_stderr() throws Exception {
        JarRunner.Result r = JarRunner.run(
                Map.of("CLAUDEMESH_HOME", dir.toString()), "{not json", List.of(), "hook", "UserPromptSubmit");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("not a JSON object");
    }

    @Test
    void session_start_starts_the_daemon_and_registers() throws Exception {
        try (Sleepers s = new Sleepers()) {
            long pid = s.start();
            Map<String, String> env = Map.of("CLAUDEMESH_HOME", dir.toString(), "CLAUDE_PID", Long.toString(pid));
            String in = "{\"session_id\":\"ss-1\",\"cwd\":\"/tmp/work/web\",\"hook_event_name\":\"SessionStart\","
                    + "\"source\":\"startup\"}";
            JarRunner.Result r = JarRunner.run(env, in, List.of(), "hook", "SessionStart");
            try {
                assertThat(r.exit()).isZero();
                assertThat(r.out())
                        .startsWith("{\"hookSpecificOutput\":{\"hookEventName\":\"SessionStart\"")
                        .contains("you are session ")
                        .contains("(folder web)");
                JarRunner.Result list = JarRunner.run(env, "", List.of(), "list", "--json");
                assertThat(list.out()).contains("\"session_id\" : \"ss-1\"");
            } finally {
                JarRunner.Result stop = JarRunner.run(env, "", List.of(), "daemon", "--stop");
                assertThat(stop.exit()).as(stop.err()).isZero();
                assertThat(stop.out()).contains("claudemesh daemon stopped");
            }
        }
    }
}
