package dev.claudemesh.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.claudemesh.client.DaemonClient;
import dev.claudemesh.config.DaemonState;
import dev.claudemesh.support.Sleepers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a thin hook puts on the wire and takes from it, on both transports (bash over /dev/tcp, curl): the daemon's
 * socket is a recording listener while {@code daemon.state} keeps the real daemon's pid, so the hook trusts it.
 */
class ThinHookWireIT {
    static final String THIN_OK = "HTTP/1.1 200 OK\r\nX-Claudemesh-Thin: 1\r\nContent-Type: text/plain; charset=utf-8";

    @TempDir
    Path dir;

    private static Map<String, String> transport(String t) {
        return t.equals("curl") ? Map.of("CLAUDEMESH_HOOK_BASH", "") : Map.of();
    }

    /** Runs {@code event} with {@code stdin} against {@code listener}, the real daemon's state restored after. */
    private static ThinHooks.Ran against(ThinHooks h, WireListener listener, String event, long claude, String stdin)
            throws Exception {
        DaemonState real = DaemonState.read(h.mesh.stateFile()).orElseThrow();
        new DaemonState(listener.port(), real.pid(), real.version(), real.startedAtMillis()).write(h.mesh.stateFile());
        try {
            return h.run(event, claude, stdin);
        } finally {
            real.write(h.mesh.stateFile());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"bash", "curl"})
    void a_multi_line_utf8_prompt_reaches_the_daemon_byte_exact_and_the_answer_is_printed_as_sent(String t)
            throws Exception {
        String answer = "{\"hookSpecificOutput\":{\"additionalContext\":\"grüße ✓ 🚀\\nzweite Zeile\"}}";
        try (Sleepers s = new Sleepers();
                ThinHooks h = new ThinHooks(dir, "thin", transport(t));
                WireListener l = new WireListener(WireListener.answer(THIN_OK + "\r\nContent-Length: @LEN@", answer))) {
            long claude = s.start();
            h.startDaemon();
            String stdin = ThinHooks.input(
                            "wire-1",
                            "UserPromptSubmit",
                            ",\"prompt\":\"zwei\\nZeilen: é ✓ 🚀 \\\"q\\\" \\\\ \\t $HOME `x`\"")
                    + "\n\n";
            ThinHooks.Ran r = against(h, l, "UserPromptSubmit", claude, stdin);
            assertThat(r.exit()).isZero();
            assertThat(r.err()).isEmpty();
            assertThat(r.out()).isEqualTo(answer);
            assertThat(l.requests).hasSize(1);
            WireListener.Request q = l.requests.get(0);
            byte[] sent = stdin.getBytes(StandardCharsets.UTF_8);
            assertThat(q.body()).isEqualTo(sent);
            assertThat(q.header("Content-Length")).isEqualTo(Integer.toString(sent.length));
            assertThat(q.header("Content-Type")).isEqualTo("application/json");
            assertThat("Authorization: " + q.header("Authorization"))
                    .isEqualTo(Files.readString(h.mesh.authHeaderFile()).trim());
            assertThat(q.head()).startsWith("POST /v1/thin/UserPromptSubmit?claude_pid=" + claude + "&hook_pid=");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"bash", "curl"})
    void a_prompt_over_64_KiB_reaches_the_daemon_whole(String t) throws Exception {
        try (Sleepers s = new Sleepers();
                ThinHooks h = new ThinHooks(dir, "thin", transport(t));
                WireListener l = new WireListener(WireListener.answer(THIN_OK + "\r\nContent-Length: @LEN@", ""))) {
            long claude = s.start();
            h.startDaemon();
            String stdin =
                    ThinHooks.input("wire-2", "UserPromptSubmit", ",\"prompt\":\"" + "ä€ line\\n".repeat(9000) + "\"");
            assertThat(stdin.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(64 * 1024);
            ThinHooks.Ran r = against(h, l, "UserPromptSubmit", claude, stdin);
            assertThat(r.exit()).isZero();
            assertThat(r.out()).isEmpty();
            assertThat(l.requests).hasSize(1);
            assertThat(l.requests.get(0).body()).isEqualTo(stdin.getBytes(StandardCharsets.UTF_8));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"bash", "curl"})
    void stdin_that_claude_writes_in_two_parts_reaches_the_daemon_whole(String t) throws Exception {
        try (Sleepers s = new Sleepers();
                ThinHooks h = new ThinHooks(dir, "thin", transport(t));
                WireListener l = new WireListener(WireListener.answer(THIN_OK + "\r\nContent-Length: @LEN@", ""))) {
            long claude = s.start();
            h.startDaemon();
            String stdin = ThinHooks.input(
                    "wire-6", "UserPromptSubmit", ",\"prompt\":\"" + "zwei Teile ✓ ".repeat(300) + "\"");
            byte[] bytes = stdin.getBytes(StandardCharsets.UTF_8);
            DaemonState real = DaemonState.read(h.mesh.stateFile()).orElseThrow();
            new DaemonState(l.port(), real.pid(), real.version(), real.startedAtMillis()).write(h.mesh.stateFile());
            try {
                ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", h.command("UserPromptSubmit"));
                pb.environment().clear();
                pb.environment().putAll(h.env(claude));
                pb.environment().putAll(transport(t));
                Process p = pb.start();
                try (var in = p.getOutputStream()) {
                    in.write(bytes, 0, 1000);
                    in.flush();
                    Thread.sleep(100); // the rest a moment later, as a slow writer would
                    in.write(bytes, 1000, bytes.length - 1000);
                }
                ThinHooks.Ran r = ThinHooks.finish("UserPromptSubmit", p);
                assertThat(r.exit()).isZero();
                assertThat(r.err()).isEmpty();
            } finally {
                real.write(h.mesh.stateFile());
            }
            assertThat(l.requests).hasSize(1);
            assertThat(l.requests.get(0).body()).isEqualTo(bytes);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"bash", "curl"})
    void a_listener_that_never_answers_ends_the_hook_silently_after_its_time_out(String t) throws Exception {
        try (Sleepers s = new Sleepers();
                ThinHooks h = new ThinHooks(dir, "thin", transport(t));
                WireListener l = new WireListener(null)) {
            long claude = s.start();
            h.startDaemon();
            for (String e : new String[] {"UserPromptSubmit", "Stop", "statusline"}) {
                ThinHooks.Ran r = against(h, l, e, claude, ThinHooks.input("wire-3", e, ",\"prompt\":\"x\""));
                assertThat(r.exit()).as(e).isZero();
                assertThat(r.out()).as(e).isEmpty();
                assertThat(r.err()).as(e).isEmpty();
            }
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(l.requests).hasSize(3));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"bash", "curl"})
    void a_listener_that_hangs_up_at_once_ends_the_hook_with_exit_0_not_a_signal(String t) throws Exception {
        try (Sleepers s = new Sleepers();
                ThinHooks h = new ThinHooks(dir, "thin", transport(t));
                java.net.ServerSocket slam =
                        new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Thread closer = new Thread(() -> {
                while (!slam.isClosed()) {
                    try (java.net.Socket c = slam.accept()) {
                        c.setSoLinger(true, 0); // reset: the hook's next write fails
                    } catch (Exception closed) {
                        return;
                    }
                }
            });
            closer.setDaemon(true);
            closer.start();
            long claude = s.start();
            h.startDaemon();
            DaemonState real = DaemonState.read(h.mesh.stateFile()).orElseThrow();
            new DaemonState(slam.getLocalPort(), real.pid(), real.version(), real.startedAtMillis())
                    .write(h.mesh.stateFile());
            try {
                String stdin =
                        ThinHooks.input("wire-6", "UserPromptSubmit", ",\"prompt\":\"" + "y".repeat(60_000) + "\"");
                for (int i = 0; i < 5; i++) {
                    ThinHooks.Ran r = h.run("UserPromptSubmit", claude, stdin);
                    assertThat(r.exit()).isZero();
                    assertThat(r.out()).isEmpty();
                    assertThat(r.err()).isEmpty();
                }
            } finally {
                real.write(h.mesh.stateFile());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"bash", "curl"})
    void a_cut_short_answer_prints_nothing_and_one_that_ends_with_the_connection_prints_whole(String t)
            throws Exception {
        String body = "{\"decision\":\"block\",\"reason\":\"ü\"}";
        try (Sleepers s = new Sleepers();
                ThinHooks h = new ThinHooks(dir, "thin", transport(t));
                WireListener cut = new WireListener(WireListener.answer(THIN_OK + "\r\nContent-Length: 500", body));
                WireListener eof = new WireListener(WireListener.answer(THIN_OK + "\r\nConnection: close", body))) {
            long claude = s.start();
            h.startDaemon();
            String stdin = ThinHooks.input("wire-4", "Stop", ",\"stop_hook_active\":false");
            ThinHooks.Ran r = against(h, cut, "Stop", claude, stdin);
            assertThat(r.exit()).isZero();
            assertThat(r.out()).isEmpty();
            assertThat(against(h, eof, "Stop", claude, stdin).out()).isEqualTo(body);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"bash", "curl"})
    void with_bash_a_prompt_that_delivers_and_acks_starts_no_curl(String t) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("wrapped-bin"));
        Path log = dir.resolve("curl-calls.log");
        Path curl = bin.resolve("curl");
        Files.writeString(curl, "#!/bin/sh\necho \"$*\" >> '" + log + "'\nexec /usr/bin/curl \"$@\"\n");
        Files.setPosixFilePermissions(curl, PosixFilePermissions.fromString("rwxr-xr-x"));
        Map<String, String> env = new HashMap<>(transport(t));
        env.put("PATH", bin + ":" + System.getenv("PATH"));
        try (Sleepers s = new Sleepers();
                ThinHooks h = new ThinHooks(dir, "thin", env)) {
            long claude = s.start();
            DaemonClient c = h.startDaemon();
            h.run("SessionStart", claude, ThinHooks.input("wire-5", "SessionStart", ",\"source\":\"startup\""));
            String mid = c.post("/v1/messages", Map.of("to", "api", "body", "count the calls"))
                    .path("id")
                    .asText();
            Files.deleteIfExists(log);
            ThinHooks.Ran r = h.run(
                    "UserPromptSubmit", claude, ThinHooks.input("wire-5", "UserPromptSubmit", ",\"prompt\":\"go\""));
            assertThat(r.out()).contains("count the calls");
            assertThat(c.get("/v1/messages/" + mid)
                            .path("message")
                            .path("state")
                            .asText())
                    .isEqualTo("acked");
            if (t.equals("bash")) {
                assertThat(log).doesNotExist();
            } else {
                assertThat(Files.readAllLines(log).stream().filter(line -> line.contains("http://127.0.0.1:")))
                        .hasSize(2); // the hook's POST, then the ack
            }
        }
    }
}
