package dev.claudemesh.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.claudemesh.config.DaemonState;
import dev.claudemesh.config.MeshHome;
import dev.claudemesh.config.Token;
import dev.claudemesh.support.Sleepers;
import dev.claudemesh.support.TestDaemon;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stale daemon.state must never make a client hand the token (or a prompt) to whoever listens on that port. */
class DaemonProofTest {
    @TempDir
    Path tmp;

    ServerSocket impostor;
    final AtomicInteger connections = new AtomicInteger();
    final AtomicReference<String> received = new AtomicReference<>("");
    final Sleepers sleepers = new Sleepers();
    MeshHome home;

    @BeforeEach
    void listen() throws Exception {
        impostor = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!impostor.isClosed()) {
                try (Socket s = impostor.accept()) {
                    connections.incrementAndGet();
                    s.setSoTimeout(2_000);
                    InputStream in = s.getInputStream();
                    byte[] buf = new byte[8192];
                    int n = in.read(buf);
                    received.accumulateAndGet(
                            n > 0 ? new String(buf, 0, n, StandardCharsets.ISO_8859_1) : "", String::concat);
                    s.getOutputStream()
                            .write("HTTP/1.1 200 OK\r\nContent-Length: 15\r\n\r\n{\"status\":\"ok\"}"
                                    .getBytes(StandardCharsets.US_ASCII));
                } catch (Exception e) {
                    // closed
                }
            }
        });
        t.setDaemon(true);
        t.start();
        home = new MeshHome(tmp.resolve("mesh")).ensure();
        Token.write(home.tokenFile(), "ab".repeat(32));
        MeshHome.privateFile(home.lockFile());
    }

    @AfterEach
    void close() throws Exception {
        impostor.close();
        sleepers.close();
    }

    private void staleState(long pid) throws Exception {
        new DaemonState(impostor.getLocalPort(), pid, "0.1.0", 1).write(home.stateFile());
    }

    @Test
    void a_state_naming_a_dead_pid_sends_nothing_to_the_program_on_its_port() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        staleState(gone.pid());

        assertThat(LeanHttp.forHome(home)).isEmpty();
        assertThatThrownBy(() -> new DaemonStarter(home).connect(false))
                .isInstanceOf(DaemonUnavailableException.class)
                .hasMessageContaining("not running");
        assertThat(connections.get()).isZero();
        assertThat(received.get()).doesNotContain("ab".repeat(32));
    }

    @Test
    void a_live_pid_that_does_not_hold_the_homes_lock_is_not_trusted() throws Exception {
        staleState(sleepers.start());

        assertThat(LeanHttp.forHome(home)).isEmpty();
        assertThatThrownBy(() -> new DaemonStarter(home).connect(false))
                .hasMessageContaining("does not hold")
                .hasMessageContaining("daemon.lock");
        assertThat(connections.get()).isZero();
    }

    @Test
    void the_real_daemon_proves_itself_and_is_used() throws Exception {
        try (TestDaemon d = TestDaemon.start(tmp.resolve("real"))) {
            assertThat(DaemonProof.refute(
                            d.home, DaemonState.read(d.home.stateFile()).orElseThrow()))
                    .isEmpty();
            assertThat(LeanHttp.forHome(d.home)).isPresent();
            assertThat(new DaemonStarter(d.home)
                            .connect(false)
                            .health()
                            .path("status")
                            .asText())
                    .isEqualTo("ok");
        }
    }

    @Test
    void proc_parsers_find_the_lock_holder_and_the_listeners_uid() {
        String locks =
                "1: POSIX  ADVISORY  WRITE 4242 fe:00:77 0 EOF\n2: -> POSIX  ADVISORY  WRITE 99 fe:00:88 0 EOF\n";
        assertThat(DaemonProof.holdsLock(locks, 4242, 77)).isTrue();
        assertThat(DaemonProof.holdsLock(locks, 4242, 78)).isFalse();
        assertThat(DaemonProof.holdsLock(locks, 99, 88)).isFalse();
        String tcp =
                "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n"
                        + "   0: 0100007F:1EC6 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1001        0 1 1\n";
        assertThat(DaemonProof.listenerUid(tcp, 7878)).isEqualTo(1001);
        assertThat(DaemonProof.listenerUid(tcp, 7879)).isEqualTo(-1);
    }
}
