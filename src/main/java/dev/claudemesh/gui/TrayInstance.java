package dev.claudemesh.gui;

import dev.claudemesh.config.MeshHome;
import dev.claudemesh.notify.desktop.TrayLink;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One tray app per claudemesh home: a file lock ({@code tray.lock}) held for the app's life, and the
 * {@link TrayLink} socket on which later {@code claudemesh tray} runs and the headless daemon's notification
 * clicks reach it. The lock decides; the socket is only ever bound by the lock's holder, which first removes
 * a socket file a crashed app left behind.
 */
public final class TrayInstance implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TrayInstance.class);

    private final MeshHome home;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private ServerSocketChannel server;
    private Thread acceptor;
    private volatile boolean closed;

    private TrayInstance(MeshHome home, FileChannel lockChannel, FileLock lock) {
        this.home = home;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    public static Path lockFile(MeshHome home) {
        return home.trayLockFile();
    }

    /** This process becomes the home's tray app, or empty when another one already is. */
    public static Optional<TrayInstance> acquire(MeshHome home) throws IOException {
        home.ensure();
        MeshHome.privateFile(lockFile(home));
        FileChannel ch = FileChannel.open(lockFile(home), StandardOpenOption.WRITE, StandardOpenOption.READ);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            ch.close();
            return Optional.empty();
        }
        ch.truncate(0);
        ch.write(java.nio.ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
        return Optional.of(new TrayInstance(home, ch, lock));
    }

    /** The pid the lock file names (the running app), if readable. */
    public static Optional<Long> holderPid(MeshHome home) {
        try {
            return Optional.of(Long.parseLong(Files.readString(lockFile(home)).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Starts answering {@link TrayLink} requests; {@code handler} gets each valid one on the acceptor thread. */
    public void listen(Consumer<TrayLink.Request> handler) throws IOException {
        Path sock = TrayLink.socket(home);
        Files.deleteIfExists(sock); // left by an app that died; we hold the lock, so it is not a live one's
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(sock));
        MeshHome.privateFile(sock);
        acceptor = new Thread(() -> accept(handler), "claudemesh-tray-link");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void accept(Consumer<TrayLink.Request> handler) {
        while (!closed) {
            try {
                SocketChannel c = server.accept();
                Thread t = new Thread(() -> answer(c, handler), "claudemesh-tray-link-client");
                t.setDaemon(true); // a client that connects and never writes holds only its own thread
                t.start();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("tray link: {}", e.toString());
                }
            }
        }
    }

    private static void answer(SocketChannel c, Consumer<TrayLink.Request> handler) {
        try (c) {
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(Channels.newInputStream(c), StandardCharsets.UTF_8));
            Optional<TrayLink.Request> req = TrayLink.Request.parse(readLine(in));
            OutputStream out = Channels.newOutputStream(c);
            String answer = req.isPresent()
                    ? "ok pid=" + ProcessHandle.current().pid()
                    : "error unknown request (expected 'show' or 'session <id>')";
            out.write((answer + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            req.ifPresent(handler);
        } catch (IOException | RuntimeException e) {
            LOG.warn("tray link request failed: {}", e.toString());
        }
    }

    /** One line of at most 256 characters: a stray client cannot make us buffer without end. */
    private static String readLine(BufferedReader in) throws IOException {
        StringBuilder b = new StringBuilder();
        int ch;
        while ((ch = in.read()) != -1 && ch != '\n') {
            if (b.length() >= 256) {
                return null;
            }
            b.append((char) ch);
        }
        return b.toString();
    }

    @Override
    public void close() {
        closed = true;
        try {
            if (server != null) {
                server.close();
                Files.deleteIfExists(TrayLink.socket(home));
            }
        } catch (IOException e) {
            LOG.debug("closing the tray link: {}", e.toString());
        }
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            LOG.debug("releasing the tray lock: {}", e.toString());
        }
    }
}
