package dev.claudemesh.hook;

import dev.claudemesh.Version;
import dev.claudemesh.api.Endpoints;
import dev.claudemesh.config.DaemonState;
import dev.claudemesh.config.MeshHome;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;

/**
 * For the AppCDS training run {@code claudemesh install} makes ({@code CLAUDEMESH_CDS_TRAINING=1}, in a
 * throwaway home): a stand-in daemon on loopback, so the run walks the whole hook path — socket, HTTP,
 * JSON, output, ack — and the archive holds every class a real hook loads.
 */
final class CdsTraining {
    static final String ENV = "CLAUDEMESH_CDS_TRAINING";
    private static final String REPLY = "{\"stdout\":\"\",\"stderr\":\"\",\"exit\":0,\"ack_lease\":\"l_000000000000\"}";

    private CdsTraining() {}

    static void prepare(MeshHome home) throws IOException {
        home.ensure();
        // held for the run, as a daemon holds it: clients trust only a daemon.state whose pid holds the home's lock
        // (DaemonProof), and without that proof the hook would take the no-daemon path and start a real daemon
        FileChannel lock = FileChannel.open(
                home.lockFile(), StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
        if (lock.tryLock() == null) {
            lock.close();
            throw new IOException("the training home's " + home.lockFile() + " is locked by another process");
        }
        ServerSocket server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> serve(server, lock), "claudemesh-cds-training");
        t.setDaemon(true);
        t.start();
        new DaemonState(server.getLocalPort(), ProcessHandle.current().pid(), Version.current(), 0)
                .write(home.stateFile());
        MeshHome.writePrivate(home.tokenFile(), "0".repeat(64).getBytes(StandardCharsets.US_ASCII));
    }

    /** @param lock kept reachable (and so held) while the stand-in serves */
    private static void serve(ServerSocket server, FileChannel lock) {
        while (true) {
            try (Socket s = server.accept()) {
                InputStream in = s.getInputStream();
                byte[] buf = new byte[65536];
                String req = new String(buf, 0, Math.max(0, in.read(buf)), StandardCharsets.UTF_8);
                String body = req.contains(Endpoints.LEASES) ? "{\"acked\":[]}" : REPLY;
                byte[] b = body.getBytes(StandardCharsets.UTF_8);
                s.getOutputStream()
                        .write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + b.length
                                        + "\r\n\r\n" + body)
                                .getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                return;
            }
        }
    }
}
