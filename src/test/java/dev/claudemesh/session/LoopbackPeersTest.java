package dev.claudemesh.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding the process on the other end of a loopback connection through /proc, with real sockets. */
class LoopbackPeersTest {
    final LoopbackPeers peers = LoopbackPeers.system();

    @Test
    void this_linux_machine_can_tell_callers_apart() {
        assertThat(peers.available()).isTrue();
    }

    @Test
    void a_connection_from_this_process_is_owned_by_this_process() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
                Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                Socket accepted = server.accept()) {
            assertThat(peers.pidOf(accepted.getPort(), server.getLocalPort()))
                    .hasValue(ProcessHandle.current().pid());
            assertThat(peers.pidOf(accepted.getPort(), server.getLocalPort()))
                    .as("the remembered owner, checked again")
                    .hasValue(ProcessHandle.current().pid());
        }
    }

    @Test
    void a_connection_from_a_child_process_is_owned_by_that_child(@TempDir Path dir) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            // curl connects and waits for an answer that never comes until we close
            Process curl = new ProcessBuilder(
                            "curl", "-s", "-m", "60", "http://127.0.0.1:" + server.getLocalPort() + "/")
                    .redirectOutput(dir.resolve("out").toFile())
                    .redirectErrorStream(true)
                    .start();
            try (Socket accepted = server.accept()) {
                new BufferedReader(new InputStreamReader(accepted.getInputStream(), StandardCharsets.US_ASCII))
                        .readLine(); // the request line: curl has sent, and still holds the socket
                assertThat(peers.pidOf(accepted.getPort(), server.getLocalPort()))
                        .hasValue(curl.pid());
            } finally {
                curl.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void a_kept_connection_moved_to_another_fd_of_its_process_is_still_that_process() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            // the socket at fd 3; after the first line, at fd 7 only (fd 3 closed), and "moved" says so
            Process bash = new ProcessBuilder(
                            "bash",
                            "-c",
                            "exec 3<>/dev/tcp/127.0.0.1/" + server.getLocalPort()
                                    + "; read -r _ <&3; exec 7<&3 3<&-; echo moved >&7; read -r _ <&7")
                    .start();
            try (Socket accepted = server.accept()) {
                int client = accepted.getPort();
                int port = server.getLocalPort();
                assertThat(peers.pidOf(client, port)).hasValue(bash.pid());
                accepted.getOutputStream().write('\n');
                assertThat(new BufferedReader(
                                        new InputStreamReader(accepted.getInputStream(), StandardCharsets.US_ASCII))
                                .readLine())
                        .isEqualTo("moved");
                assertThat(peers.pidOf(client, port))
                        .as("the remembered fd holds the socket no more; the process still does, at fd 7")
                        .hasValue(bash.pid());
                assertThat(peers.pidOf(client, port)).hasValue(bash.pid());
                accepted.getOutputStream().write('\n');
                assertThat(bash.waitFor(20, TimeUnit.SECONDS)).isTrue();
                assertThat(peers.pidOf(client, port))
                        .as("the process is gone and the connection with it")
                        .isEmpty();
            } finally {
                bash.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void a_connection_from_a_grandchild_is_held_within_the_named_process_tree_and_no_other() throws Exception {
        assertThat(peers.treesListable()).as("this kernel lists children").isTrue();
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            // sh → bash (not exec'd: the ':' after it) → the socket, as the thin launcher's sh → subshell → curl
            Process sh = new ProcessBuilder(
                            "sh",
                            "-c",
                            "bash -c 'exec 3<>/dev/tcp/127.0.0.1/" + server.getLocalPort() + "; read -r _ <&3'; :")
                    .start();
            Process stranger = new ProcessBuilder("sleep", "60").start();
            try (Socket accepted = server.accept()) {
                int client = accepted.getPort();
                int port = server.getLocalPort();
                assertThat(peers.heldWithin(client, port, sh.pid())).isTrue();
                assertThat(peers.heldWithin(client, port, stranger.pid()))
                        .as("a process that is not the holder's ancestor")
                        .isFalse();
                assertThat(peers.heldWithin(
                                client, port, ProcessHandle.current().pid()))
                        .as("the shell's parent holds no such socket itself, but the shell is its child")
                        .isTrue();
                assertThat(peers.heldWithin(1, port, sh.pid()))
                        .as("no such connection")
                        .isFalse();
                assertThat(peers.heldWithin(client, port, 1))
                        .as("init, which every process descends from")
                        .isFalse();
                accepted.getOutputStream().write('\n');
            } finally {
                sh.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                stranger.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void a_connection_this_process_holds_is_not_held_within_its_child() throws Exception {
        Process child = new ProcessBuilder("sleep", "60").start();
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
                Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                Socket accepted = server.accept()) {
            assertThat(peers.heldWithin(accepted.getPort(), server.getLocalPort(), child.pid()))
                    .isFalse();
            assertThat(peers.heldWithin(
                            accepted.getPort(),
                            server.getLocalPort(),
                            ProcessHandle.current().pid()))
                    .isTrue();
        } finally {
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void no_connection_on_those_ports_has_no_owner() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            assertThat(peers.pidOf(1, server.getLocalPort())).isEmpty();
        }
    }

    @Test
    void no_proc_means_callers_cannot_be_learned(@TempDir Path empty) {
        LoopbackPeers none = new LoopbackPeers(empty, Duration.ofSeconds(1));
        assertThat(none.available()).isFalse();
        assertThat(none.pidOf(40000, 8000)).isEmpty();
    }

    @Test
    void the_socket_table_yields_the_client_end_of_an_established_connection_of_this_user() {
        String tcp = """
                  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
                   0: 0100007F:1F40 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 111 1
                   1: 0100007F:1F40 0100007F:9C40 01 00000000:00000000 00:00000000 00000000  1000        0 222 1
                   2: 0100007F:9C40 0100007F:1F40 01 00000000:00000000 00:00000000 00000000  1000        0 333 1
                   3: 0100007F:9C41 0100007F:1F40 01 00000000:00000000 00:00000000 00000000  1001        0 444 1
                   4: 0100007F:9C42 0100007F:1F40 06 00000000:00000000 00:00000000 00000000  1000        0 0 1
                """;
        assertThat(LoopbackPeers.inode(tcp, 40000, 8000, 1000)).hasValue(333);
        assertThat(LoopbackPeers.inode(tcp, 40001, 8000, 1000))
                .as("another user's socket")
                .isEmpty();
        assertThat(LoopbackPeers.inode(tcp, 40002, 8000, 1000))
                .as("closing, no inode")
                .isEmpty();
        assertThat(LoopbackPeers.inode("garbage\n\n 0: x y z", 40000, 8000, 1000))
                .isEmpty();
        String tcp6 = "   0: 0000000000000000FFFF00000100007F:9C40 0000000000000000FFFF00000100007F:1F40 01"
                + " 00000000:00000000 00:00000000 00000000  1000        0 555 1\n";
        assertThat(LoopbackPeers.inode(tcp6, 40000, 8000, 1000))
                .as("IPv4-mapped")
                .hasValue(555);
    }
}
