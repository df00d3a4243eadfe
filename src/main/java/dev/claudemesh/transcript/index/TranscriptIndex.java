package dev.claudemesh.transcript.index;

import dev.claudemesh.transcript.QueryMatcher;
import dev.claudemesh.transcript.TranscriptException;
import dev.claudemesh.transcript.TranscriptFile;
import dev.claudemesh.transcript.TranscriptLocator;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The full-text index of every transcript under Claude Code's projects folder ({@code projects/<project>/<session>
 * .jsonl}, the folder {@link TranscriptLocator} allows): built in the background on one thread, kept current by
 * a file watcher plus a periodic reconciliation, searched from any thread. Changed files go before the cold
 * build's backlog, and big files are read in slices, so a new prompt is searchable within moments even while the
 * first build runs.
 */
public final class TranscriptIndex implements AutoCloseable {
    /**
     * Tunables; {@link #defaults()} for the daemon.
     *
     * @param reconcileEvery how often every transcript is looked at (the watcher catches changes sooner)
     * @param sliceBytes how much of one file is read before other files get their turn
     * @param onError told each failure, in one line (the daemon logs it)
     */
    public record Settings(Duration reconcileEvery, long sliceBytes, Consumer<String> onError) {
        public static Settings defaults(Consumer<String> onError) {
            return new Settings(Duration.ofSeconds(10), 8L << 20, onError);
        }
    }

    private final Path dbFile;
    private final TranscriptLocator locator;
    private final Settings settings;
    private final IndexSearch search;
    private final Object lock = new Object();
    /** Changed files (watcher, stale hits) first, then the backlog; value: when it was queued. */
    private final Map<Path, Long> urgent = new LinkedHashMap<>();

    private final Map<Path, Long> backlog = new LinkedHashMap<>();
    private final Thread thread;
    private volatile IndexStore store;
    private volatile IndexWatcher watcher;
    private volatile boolean ready;
    private volatile boolean closed;
    private volatile boolean rebuildAsked;
    private volatile boolean reconcileAsked = true;
    private volatile String lastError;
    private volatile long lastErrorAt;
    private volatile long bytesSinceStart;
    private long nextReconcile;

    private TranscriptIndex(Path dbFile, TranscriptLocator locator, Settings settings) {
        this.dbFile = dbFile;
        this.locator = locator;
        this.settings = settings;
        this.search = new IndexSearch(locator, p -> queue(Path.of(p), true));
        this.thread = new Thread(this::run, "claudemesh-index");
        thread.setDaemon(true);
        thread.setPriority(Thread.NORM_PRIORITY - 1);
    }

    /** Opens (or creates) the index at {@code dbFile} and starts bringing it up to date in the background. */
    public static TranscriptIndex start(Path dbFile, TranscriptLocator locator, Settings settings) {
        TranscriptIndex index = create(dbFile, locator, settings);
        index.start();
        return index;
    }

    /** The index at {@code dbFile}, not started: searches find nothing and report not ready until {@link #start}. */
    public static TranscriptIndex create(Path dbFile, TranscriptLocator locator, Settings settings) {
        return new TranscriptIndex(dbFile, locator, settings);
    }

    /** Starts opening and updating the index in the background (once). */
    public synchronized void start() {
        if (thread.getState() == Thread.State.NEW && !closed) {
            thread.start();
        }
    }

    /** Searches what is indexed now; never waits for the build. */
    public IndexResult search(IndexRequest request) throws SQLException {
        long t0 = System.nanoTime();
        if (request.regex()) {
            QueryMatcher.compile(request.query(), true, false); // bad input is refused even before the index opens
        } else {
            IndexQuery.parse(request.query());
        }
        IndexStore s = store;
        if (s == null) {
            return new IndexResult(List.of(), false, 0, false, lag());
        }
        IndexSearch.Found found;
        try {
            found = search.search(s, request);
        } catch (SQLException e) {
            if (s != store || closed) {
                return new IndexResult(List.of(), false, 0, false, lag()); // rebuilt under us
            }
            throw e;
        }
        return new IndexResult(found.hits(), found.truncated(), (System.nanoTime() - t0) / 1_000_000, ready, lag());
    }

    /** A transcript the index knows. */
    public record Indexed(Path path, String sessionId, String folder, String cwd) {}

    /** The transcript of a Claude Code session id, when the index knows it (the newest if several projects do). */
    public Optional<Indexed> transcriptOf(String sessionId) throws SQLException {
        IndexStore s = store;
        if (s == null) {
            return Optional.empty();
        }
        return s.read(c -> {
            try (var p = c.prepareStatement(
                    "SELECT path, folder, cwd FROM files WHERE session_id=?" + " ORDER BY mtime DESC LIMIT 1")) {
                p.setString(1, sessionId);
                try (var rs = p.executeQuery()) {
                    return rs.next()
                            ? Optional.of(
                                    new Indexed(Path.of(rs.getString(1)), sessionId, rs.getString(2), rs.getString(3)))
                            : Optional.empty();
                }
            }
        });
    }

    public IndexStatus status() {
        IndexStore s = store;
        long[] counts = {0, 0, 0};
        if (s != null) {
            try {
                s.read(c -> {
                    try (var st = c.createStatement();
                            var rs = st.executeQuery("SELECT count(*), coalesce(sum(turns), 0),"
                                    + " coalesce(sum(max(size, offset)), 0) FROM files")) {
                        rs.next();
                        counts[0] = rs.getLong(1);
                        counts[1] = rs.getLong(2);
                        counts[2] = rs.getLong(3);
                    }
                    return null;
                });
            } catch (SQLException e) {
                error("reading the index status", e);
            }
        }
        long pending;
        synchronized (lock) {
            pending = urgent.size() + backlog.size();
        }
        return new IndexStatus(
                ready,
                counts[0],
                counts[1],
                s == null ? 0 : s.sizeOnDisk(),
                counts[2],
                pending,
                lag(),
                bytesSinceStart,
                lastError,
                lastErrorAt,
                dbFile.toString(),
                locator.projectsDir().toString());
    }

    /** Throws the index away and builds it again, in the background. */
    public void rebuild() {
        rebuildAsked = true;
        wake();
    }

    /** Asks for a reconciliation pass now (tests, and the watcher after lost events). */
    public void reconcile() {
        reconcileAsked = true;
        wake();
    }

    private long lag() {
        synchronized (lock) {
            long oldest = Long.MAX_VALUE;
            for (long t : urgent.values()) {
                oldest = Math.min(oldest, t);
            }
            for (long t : backlog.values()) {
                oldest = Math.min(oldest, t);
            }
            return oldest == Long.MAX_VALUE ? 0 : Math.max(0, System.currentTimeMillis() - oldest);
        }
    }

    private void queue(Path p, boolean isUrgent) {
        synchronized (lock) {
            if (isUrgent) {
                Long since = backlog.remove(p);
                urgent.putIfAbsent(p, since == null ? System.currentTimeMillis() : since);
            } else if (!urgent.containsKey(p)) {
                backlog.putIfAbsent(p, System.currentTimeMillis());
            }
            lock.notifyAll();
        }
    }

    private void wake() {
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    private void run() {
        while (!closed) {
            try {
                if (store == null || rebuildAsked) {
                    open();
                }
                long now = System.currentTimeMillis();
                if (reconcileAsked || now >= nextReconcile) {
                    reconcileAsked = false;
                    nextReconcile = now + settings.reconcileEvery().toMillis();
                    scan();
                }
                Path next = take();
                if (next != null) {
                    step(next);
                }
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                error("indexing", e);
                sleepQuietly(1000);
            }
        }
    }

    private void open() throws SQLException, IOException {
        IndexStore old = store;
        store = null;
        if (old != null) {
            old.close();
        }
        if (rebuildAsked) {
            rebuildAsked = false;
            IndexStore.deleteFiles(dbFile);
            synchronized (lock) {
                urgent.clear();
                backlog.clear();
            }
        }
        ready = false;
        store = IndexStore.open(dbFile);
        syncer = new FileSyncer(store);
        reconcileAsked = true;
    }

    private FileSyncer syncer;

    /** The next file to bring up to date, waiting until the next reconciliation when there is none. */
    private Path take() throws InterruptedException, SQLException {
        synchronized (lock) {
            while (!closed && !rebuildAsked && !reconcileAsked) {
                Map<Path, Long> from = !urgent.isEmpty() ? urgent : backlog;
                if (!from.isEmpty()) {
                    Path p = from.keySet().iterator().next();
                    from.remove(p);
                    return p;
                }
                if (!ready) {
                    ready = true;
                    lock.notifyAll();
                    break;
                }
                long wait = nextReconcile - System.currentTimeMillis();
                if (wait <= 0) {
                    break;
                }
                lock.wait(wait);
            }
        }
        if (ready && !optimized) {
            optimized = true;
            store.optimize();
        }
        return null;
    }

    private boolean optimized;

    private void step(Path p) throws SQLException {
        TranscriptFile file;
        try {
            file = locator.resolve(p.toString());
        } catch (TranscriptException.PathRefused e) {
            syncer.forget(p.toString());
            return;
        }
        try {
            FileSyncer.Step s = syncer.sync(file, settings.sliceBytes());
            bytesSinceStart += s.bytesRead();
            if (s.more()) {
                queue(file.path(), false);
            }
        } catch (RuntimeException e) {
            error("indexing " + p, e);
        }
    }

    /** Lists every transcript and queues those that changed; forgets those that are gone. */
    private void scan() throws SQLException {
        Path projects = locator.projectsDir();
        Path real;
        try {
            real = projects.toRealPath();
        } catch (IOException e) {
            forgetAllBut(Map.of());
            return;
        }
        IndexWatcher w = watcher;
        if (w == null) {
            try {
                w = new IndexWatcher(p -> queue(p, true), this::reconcile);
                watcher = w;
            } catch (IOException e) {
                error("watching " + projects, e);
            }
        }
        if (w != null) {
            w.watch(real);
        }
        Map<String, BasicFileAttributes> onDisk = new LinkedHashMap<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(real, Files::isDirectory)) {
            for (Path dir : dirs) {
                try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.jsonl")) {
                    for (Path f : files) {
                        try {
                            BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
                            if (a.isRegularFile()) {
                                onDisk.put(f.toString(), a);
                            }
                        } catch (IOException gone) {
                            // deleted while listing
                        }
                    }
                } catch (IOException e) {
                    // a folder that vanished
                }
            }
        } catch (IOException e) {
            error("listing " + real, e);
            return;
        }
        Map<String, FileState> states = store.states();
        List<Map.Entry<String, BasicFileAttributes>> changed = new ArrayList<>();
        for (Map.Entry<String, BasicFileAttributes> e : onDisk.entrySet()) {
            FileState st = states.get(e.getKey());
            BasicFileAttributes a = e.getValue();
            if (st == null
                    || st.size() != a.size()
                    || st.mtime() != a.lastModifiedTime().toMillis()
                    || !String.valueOf(a.fileKey()).equals(st.fileKey())) {
                changed.add(e);
            }
        }
        changed.sort(Comparator.comparing((Map.Entry<String, BasicFileAttributes> e) ->
                        e.getValue().lastModifiedTime())
                .reversed());
        for (Map.Entry<String, BasicFileAttributes> e : changed) {
            queue(Path.of(e.getKey()), false);
        }
        forgetAllBut(onDisk);
    }

    private void forgetAllBut(Map<String, ?> onDisk) throws SQLException {
        for (String path : store.states().keySet()) {
            if (!onDisk.containsKey(path)) {
                syncer.forget(path);
            }
        }
    }

    private void error(String what, Exception e) {
        lastError = what + ": " + e;
        lastErrorAt = System.currentTimeMillis();
        settings.onError().accept("transcript index: " + lastError);
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        IndexWatcher w = watcher;
        if (w != null) {
            w.close();
        }
        wake();
        thread.interrupt();
        try {
            if (thread.getState() != Thread.State.NEW) {
                thread.join(10_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        IndexStore s = store;
        store = null;
        if (s != null) {
            try {
                s.close();
            } catch (SQLException e) {
                // closing anyway
            }
        }
    }
}
