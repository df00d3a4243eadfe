package dev.claudemesh.daemon;

import dev.claudemesh.Version;
import dev.claudemesh.config.DaemonState;
import dev.claudemesh.config.MeshConfig;
import dev.claudemesh.config.MeshHome;
import dev.claudemesh.config.Token;
import dev.claudemesh.mesh.Mesh;
import dev.claudemesh.notify.ConfiguredMode;
import dev.claudemesh.notify.Notifier;
import dev.claudemesh.notify.SessionRateLimit;
import dev.claudemesh.notify.TaskNotifications;
import dev.claudemesh.session.ProcessProbe;
import dev.claudemesh.store.Database;
import dev.claudemesh.transcript.TranscriptLocator;
import dev.claudemesh.transcript.index.TranscriptIndex;
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
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One daemon per claudemesh home: holds the home's file lock for its whole life, publishes its port in
 * the state file, runs the liveness sweep and lease expiry, and cleans up on stop.
 *
 * <p>Two ways to run it. <b>Headless</b> ({@link #start(MeshHome, MeshConfig, ProcessProbe)}, what {@code claudemesh
 * daemon} and the background autostart use) stops by itself when its home folder is deleted, and after {@code
 * idle_exit_seconds} (config.json, default 30 min, 0 = never) with no live session and no request from any client.
 * <b>Hosted</b> ({@link #startHosted(MeshHome, MeshConfig, ProcessProbe)}, for an app such as the tray that runs the
 * daemon in its own process) never stops by itself: the host decides, by calling {@link #close()}; {@link
 * #awaitStop()} still returns when a client asks it to stop ({@code /v1/shutdown}).
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
    private final TranscriptIndex index;
    private final ScheduledExecutorService timers;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final long startedAt = System.currentTimeMillis();
    private final int port;
    private final String token;
    private final boolean hosted;
    private final long idleExitMillis;
    private final TaskWatch taskWatch;
    private final Notifier notifier;
    private volatile boolean closed;
    private WarmUp warmUp;
    private final QuietPromptFiles quietPrompts;

    private Daemon(
            MeshHome home,
            FileChannel lockChannel,
            FileLock lock,
            MeshConfig config,
            ProcessProbe probe,
            TranscriptLocator transcripts,
            boolean hosted,
            Notifier notifier)
            throws Exception {
        this.home = home;
        this.hosted = hosted;
        this.idleExitMillis = config.idleExitSeconds() * 1000L;
        this.notifier = notifier;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.token = Token.loadOrCreate(home.tokenFile());
        MeshHome.writePrivate(
                home.authHeaderFile(),
                ("Authorization: Bearer " + token + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        MeshHome.privateFile(home.database()); // SQLite gives its -wal and -shm files the same mode
        this.db = Database.open(home.database());
        this.mesh = new Mesh(db, probe, config.limits(), System::currentTimeMillis);
        MeshHome.privateFile(home.indexDatabase());
        this.index =
                TranscriptIndex.create(home.indexDatabase(), transcripts, TranscriptIndex.Settings.defaults(LOG::warn));
        try {
            this.app = new DaemonApp(
                    mesh, token, startedAt, this::close, transcripts, index, Callers.of(mesh, probe, home, hosted));
            this.port = app.start(portToUse(config.port()));
        } catch (Exception | Error e) {
            index.close();
            db.close();
            throw e;
        }
        try {
            this.quietPrompts = QuietPromptFiles.start(home, mesh);
        } catch (Exception | Error e) {
            app.stop();
            index.close();
            db.close();
            throw e;
        }
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "claudemesh-timers");
            t.setDaemon(true);
            return t;
        });
        timers.scheduleWithFixedDelay(this::housekeeping, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
        timers.scheduleWithFixedDelay(this::checkpoint, 1, 1, TimeUnit.SECONDS);
        this.taskWatch = notifier == Notifier.NONE
                ? null
                : new TaskWatch(
                        mesh,
                        new TaskNotifications(
                                new ConfiguredMode(home, config.notifyMode()),
                                notifier,
                                new SessionRateLimit(TaskNotifications.RATE_LIMIT_MILLIS, System::currentTimeMillis)));
        new DaemonState(port, ProcessHandle.current().pid(), Version.current(), startedAt).write(home.stateFile());
        index.start(); // after the daemon answers: the first build never delays its start
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

    /**
     * Starts a daemon hosted in this process (the tray app): it never stops by itself — not when idle, not when its
     * home is deleted; the host stops it with {@link #close()}. Empty if another daemon holds the home's lock.
     */
    public static Optional<Daemon> startHosted(MeshHome home, MeshConfig config, ProcessProbe probe) throws Exception {
        return start(home, config, probe, TranscriptLocator.fromEnvironment(System.getenv()), true);
    }

    /** As {@link #start(MeshHome, MeshConfig, ProcessProbe)}, reading transcripts only where {@code transcripts} says. */
    public static Optional<Daemon> start(
            MeshHome home, MeshConfig config, ProcessProbe probe, TranscriptLocator transcripts) throws Exception {
        return start(home, config, probe, transcripts, false, () -> Notifier.NONE);
    }

    /** As {@link #start(MeshHome, MeshConfig, ProcessProbe, TranscriptLocator)}, hosted or headless (see the class comment). */
    public static Optional<Daemon> start(
            MeshHome home, MeshConfig config, ProcessProbe probe, TranscriptLocator transcripts, boolean hosted)
            throws Exception {
        return start(home, config, probe, transcripts, hosted, () -> Notifier.NONE);
    }

    /**
     * A headless daemon that raises desktop notifications through the back-end {@code notifier} makes once the
     * home's lock is ours, for tasks nothing else can wake (the {@code notify} setting decides); the daemon closes
     * it when it stops.
     */
    public static Optional<Daemon> start(
            MeshHome home,
            MeshConfig config,
            ProcessProbe probe,
            TranscriptLocator transcripts,
            Supplier<Notifier> notifier)
            throws Exception {
        return start(home, config, probe, transcripts, false, notifier);
    }

    /** As {@link #startHosted(MeshHome, MeshConfig, ProcessProbe)}, with transcripts and desktop notifications. */
    public static Optional<Daemon> startHosted(
            MeshHome home,
            MeshConfig config,
            ProcessProbe probe,
            TranscriptLocator transcripts,
            Supplier<Notifier> notifier)
            throws Exception {
        return start(home, config, probe, transcripts, true, notifier);
    }

    /** The general form: {@code hosted} daemons never stop by themselves (see the class comment). */
    private static Optional<Daemon> start(
            MeshHome home,
            MeshConfig config,
            ProcessProbe probe,
            TranscriptLocator transcripts,
            boolean hosted,
            Supplier<Notifier> notifier)
            throws Exception {
        home.ensure();
        // a daemon killed with -9 must leave nothing in the temp folder: sqlite's native library from the home
        dev.claudemesh.store.SqliteNative.prepare(home.dir().resolve("cache").resolve("native"));
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
            return Optional.of(new Daemon(home, ch, lock, config, probe, transcripts, hosted, notifier.get()));
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
        if (!hosted && outlivedPurpose()) {
            close();
            return;
        }
        guardToken();
        try {
            mesh.sweep();
            mesh.expireLeases();
            mesh.catchUpQuietPrompts(); // one the watch missed
            mesh.reconcileQuietPrompts();
        } catch (Exception e) {
            LOG.warn("housekeeping failed: {}", e.toString());
        }
    }

    /** A headless daemon's reasons to exit: its home is gone, or nobody has needed it for the idle time. */
    private boolean outlivedPurpose() {
        if (!Files.isDirectory(home.dir()) || !Files.exists(home.lockFile())) {
            LOG.info("home folder {} is gone; stopping", home.dir());
            return true;
        }
        long quiet = System.currentTimeMillis() - app.lastActivityMillis();
        if (idleExitMillis > 0 && quiet >= idleExitMillis && mesh.sessions().isEmpty()) {
            LOG.info("no live session and no client for {} s; stopping (config idle_exit_seconds)", quiet / 1000);
            return true;
        }
        return false;
    }

    /**
     * Sends this process's log (stderr and stdout, where slf4j-simple writes) to the home's {@code daemon.log},
     * rotated to {@code daemon.log.1} past 5 MiB. For the headless background daemon; a host app keeps its own.
     */
    public static void logToHomeFile(MeshHome home) throws IOException {
        home.ensure();
        MeshHome.privateFile(home.logFile());
        java.io.PrintStream log = new java.io.PrintStream(
                new RotatingLog(home.logFile(), RotatingLog.DEFAULT_MAX_BYTES),
                true,
                java.nio.charset.StandardCharsets.UTF_8);
        System.setErr(log);
        System.setOut(log);
    }

    /** Whether this daemon is hosted by an app (never stops by itself). */
    public boolean hosted() {
        return hosted;
    }

    /** Puts the token file back when it was deleted, damaged or loosened while this daemon runs. */
    private void guardToken() {
        try {
            if (!token.equals(Token.read(home.tokenFile()))) {
                Token.write(home.tokenFile(), token);
                LOG.warn("the token file {} was missing or damaged; wrote it back", home.tokenFile());
            }
        } catch (Exception e) {
            LOG.warn("cannot write the token file {}: {}", home.tokenFile(), e.toString());
        }
    }

    private void checkpoint() {
        try {
            db.checkpoint();
        } catch (Exception e) {
            LOG.warn("WAL checkpoint failed: {}", e.toString());
        }
    }

    /**
     * Warms the hot request paths up in the background ({@link WarmUp}, system properties {@code claudemesh.warmup*}),
     * so the first prompts of the claude that started this daemon do not pay for its JIT. For the headless daemon.
     */
    public void warmUp() {
        warmUp(WarmUp.Settings.fromSystemProperties());
    }

    /**
     * Up to which mesh feed sequence number the notification watch has decided every event (everything, when this
     * daemon shows no notifications): tests wait on it before changing what the next decision depends on.
     */
    long notificationsHandledThrough() {
        return taskWatch == null ? Long.MAX_VALUE : taskWatch.handledThrough();
    }

    synchronized WarmUp warmUp(WarmUp.Settings settings) {
        if (!closed && warmUp == null) {
            warmUp = WarmUp.start(port, token, settings);
        }
        return warmUp;
    }

    DaemonApp app() {
        return app;
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
            if (warmUp != null) {
                warmUp.close();
            }
            timers.shutdownNow();
            quietPrompts.close();
            if (taskWatch != null) {
                taskWatch.close();
            }
            app.stop();
            index.close();
            Optional<DaemonState> st = DaemonState.read(home.stateFile());
            if (st.isPresent()
                    && st.get().pid() == ProcessHandle.current().pid()
                    && st.get().port() == port) {
                Files.deleteIfExists(home.stateFile());
            }
            db.close();
            notifier.close();
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
