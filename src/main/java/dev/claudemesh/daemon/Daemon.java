package dev.claudemesh.daemon;

import dev.claudemesh.Version;
import dev.claudemesh.config.DaemonState;
import dev.claudemesh.config.MeshConfig;
import dev.claudemesh.config.MeshHome;
import dev.claudemesh.config.Token;
import dev.claudemesh.mesh.Mesh;
import dev.claudemesh.session.ProcessProbe;
import dev.claudemesh.store.Database;
import dev.claudemesh.transcript.TranscriptLocator;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One daemon per claudemesh home: holds the home's file lock for its whole life, publishes its port in
 * the state file, runs the liveness sweep and lease expiry, and cleans up on stop.
 */
public final class Daemon implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);
    static final long SWEEP_MILLIS = 2_000;

    private final MeshHome home;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Database db;
    private final Mesh mesh;
    private final DaemonApp app;
    private final ScheduledExecutorService timers;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final long startedAt = System.currentTimeMillis();
    private final int port;
    private volatile boolean closed;

    private Daemon(
            MeshHome home,
            FileChannel lockChannel,
            FileLock lock,
            MeshConfig config,
            ProcessProbe probe,
            TranscriptLocator transcripts)
            throws Exception {
        this.home = home;
        this.lockChannel = lockChannel;
        this.lock = lock;
        String token = Token.loadOrCreate(home.tokenFile());
        MeshHome.writePrivate(
                home.authHeaderFile(),
                ("Authorization: Bearer " + token + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        MeshHome.privateFile(home.database()); // SQLite gives its -wal and -shm files the same mode
        this.db = Database.open(home.database());
        this.mesh = new Mesh(db, probe, config.limits(), System::currentTimeMillis);
        this.app = new DaemonApp(mesh, token, startedAt, this::close, transcripts);
        this.port = app.start(portToUse(config.port()));
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "claudemesh-timers");
            t.setDaemon(true);
            return t;
        });
        timers.scheduleWithFixedDelay(this::housekeeping, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
        timers.scheduleWithFixedDelay(this::checkpoint, 1, 1, TimeUnit.SECONDS);
        new DaemonState(port, ProcessHandle.current().pid(), Version.current(), startedAt).write(home.stateFile());
        LOG.info(
                "claudemesh daemon {} listening on 127.0.0.1:{} (home {}, transcripts under {})",
                Version.current(),
                port,
                home.dir(),
                transcripts.projectsDir());
    }

    /**
     * Starts a daemon for {@code home}, or returns empty if another one holds the home's lock. It reads
     * transcripts under the projects folder of this JVM's environment ({@code CLAUDE_CONFIG_DIR}, else
     * {@code HOME/.claude}).
     */
    public static Optional<Daemon> start(MeshHome home, MeshConfig config, ProcessProbe probe) throws Exception {
        return start(home, config, probe, TranscriptLocator.fromEnvironment(System.getenv()));
    }

    /** As {@link #start(MeshHome, MeshConfig, ProcessProbe)}, reading transcripts only where {@code transcripts} says. */
    public static Optional<Daemon> start(
            MeshHome home, MeshConfig config, ProcessProbe probe, TranscriptLocator transcripts) throws Exception {
        home.ensure();
        MeshHome.privateFile(home.lockFile());
        FileChannel ch = FileChannel.open(
                home.lockFile(), StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
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
        try {
            return Optional.of(new Daemon(home, ch, lock, config, probe, transcripts));
        } catch (Exception | Error e) {
            lock.release();
            ch.close();
            throw e;
        }
    }

    private static int portToUse(int preferred) {
        if (preferred == 0) {
            return 0;
        }
        try (ServerSocket probe = new ServerSocket(preferred, 1, InetAddress.getLoopbackAddress())) {
            return preferred;
        } catch (IOException taken) {
            LOG.info("port {} is taken; using an ephemeral port", preferred);
            return 0;
        }
    }

    private void housekeeping() {
        try {
            mesh.sweep();
            mesh.expireLeases();
        } catch (Exception e) {
            LOG.warn("housekeeping failed: {}", e.toString());
        }
    }

    private void checkpoint() {
        try {
            db.checkpoint();
        } catch (Exception e) {
            LOG.warn("WAL checkpoint failed: {}", e.toString());
        }
    }

    public Mesh mesh() {
        return mesh;
    }

    public int port() {
        return port;
    }

    public MeshHome home() {
        return home;
    }

    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            timers.shutdownNow();
            app.stop();
            Optional<DaemonState> st = DaemonState.read(home.stateFile());
            if (st.isPresent()
                    && st.get().pid() == ProcessHandle.current().pid()
                    && st.get().port() == port) {
                Files.deleteIfExists(home.stateFile());
            }
            db.close();
            lock.release();
            lockChannel.close();
        } catch (Exception e) {
            LOG.warn("error while stopping: {}", e.toString());
        } finally {
            stopped.countDown();
            LOG.info("claudemesh daemon stopped");
        }
    }
}
