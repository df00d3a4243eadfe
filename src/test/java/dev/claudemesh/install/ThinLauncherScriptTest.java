package dev.claudemesh.install;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The thin launcher's text: valid POSIX sh, and the prompt path with a daemon up costs no extra process. */
class ThinLauncherScriptTest {
    @TempDir
    Path tmp;

    String script() throws Exception {
        return new ThinLauncherScript("/usr/bin/curl", "1.2.3", InstallPaths.fromEnv(Map.of("HOME", tmp.toString())))
                .render();
    }

    @Test
    void the_script_parses_as_posix_sh_in_dash() throws Exception {
        Path f = tmp.resolve("claudemesh");
        Files.writeString(f, script());
        Process p = new ProcessBuilder("/bin/sh", "-n", f.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }

    @Test
    void the_bash_hook_program_parses_in_bash_and_reads_every_answer_with_a_time_out() throws Exception {
        Process p = new ProcessBuilder("/bin/bash", "-n", "-c", ThinLauncherScript.HOOK)
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(ThinLauncherScript.HOOK)
                .doesNotContainPattern("@[A-Z0-9_]+@")
                .contains("/dev/tcp/127.0.0.1/");
        for (String line : ThinLauncherScript.HOOK.split("\n")) {
            boolean file = line.contains("< \"$hdr\"") || line.contains("< \"$h/") || line.contains("< \"/proc/");
            // claude's stdin: its first byte is awaited by the deadline, the rest claude has written at once
            boolean restOfStdin =
                    line.trim().startsWith("IFS= read -r -N " + ThinLauncherScript.BASH_MAX_BODY + " rest");
            if (line.contains(" read ") && !line.trim().startsWith("#") && !file && !restOfStdin) {
                assertThat(line)
                        .as("every read of the socket or stdin is bounded")
                        .contains("-t \"$w\"");
            }
        }
        assertThat(ThinLauncherScript.HOOK)
                .containsSubsequence("IFS= read -r -N 1 -t \"$w\" in", "  0)", "read -r -N 65536 rest");
    }

    @Test
    void a_hook_call_is_handed_to_bash_before_sh_reads_the_rest_and_it_starts_no_process_on_the_way() throws Exception {
        String s = script();
        int handOver = s.indexOf("exec \"$hb\" -p -c");
        assertThat(handOver).isPositive().isLessThan(s.indexOf("locate() {"));
        String code = s.substring(0, handOver).replaceAll("(?m)^#.*$", "");
        assertThat(code).doesNotContain("$(").doesNotContain("`");
    }

    @Test
    void only_the_no_daemon_path_starts_a_daemon_and_it_starts_it_detached_into_the_daemon_log() throws Exception {
        String s = script();
        assertThat(s).contains("daemon --if-absent </dev/null >>\"$h/daemon.log\" 2>&1 &");
        assertThat(s).contains("/usr/bin/setsid");
        // the hook path reaches start_daemon only through fallback, i.e. when locate failed
        String hookPath = s.substring(s.lastIndexOf("\nlocate || fallback"));
        assertThat(hookPath).doesNotContain("start_daemon").doesNotContain("stat ");
    }

    @Test
    void the_waiters_poll_gives_up_on_a_daemon_that_stops_in_the_middle_of_its_answer() throws Exception {
        Path auth = tmp.resolve("auth.header");
        Files.writeString(auth, "Authorization: Bearer " + "t".repeat(64) + "\n");
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread stalling = new Thread(() -> {
                try (Socket s = server.accept()) {
                    OutputStream out = s.getOutputStream();
                    out.write(
                            ("HTTP/1.1 200 OK\r\nX-Claudemesh-Thin: 1\r\nX-Claudemesh-Waiter: deliver\r\n\r\nhalf a t")
                                    .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    Thread.sleep(120_000); // never the rest, never the end of the connection
                } catch (Exception ended) {
                    // the test is over
                }
            });
            stalling.setDaemon(true);
            stalling.start();
            Process poll = new ProcessBuilder(
                            "/bin/bash",
                            "-p",
                            "-c",
                            ThinLauncherScript.BASH_POLL,
                            "claudemesh-waiter",
                            Integer.toString(server.getLocalPort()),
                            "/v1/thin/waiter/wait",
                            auth.toString(),
                            "5")
                    .redirectErrorStream(true)
                    .start();
            boolean ended = poll.waitFor(60, TimeUnit.SECONDS);
            if (!ended) {
                poll.destroyForcibly();
            }
            assertThat(ended).as("the poll ended by itself").isTrue();
            assertThat(poll.exitValue()).isNotZero();
            assertThat(new String(poll.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                    .doesNotContain("deliver");
        }
    }
}
