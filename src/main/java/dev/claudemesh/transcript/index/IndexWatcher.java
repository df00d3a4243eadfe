package dev.claudemesh.transcript.index;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Watches the projects folder and every project folder in it, and reports each {@code .jsonl} that was created,
 * written or deleted. When events were lost (overflow) or a folder appeared, {@code resync} is called; the
 * periodic reconciliation catches anything else.
 */
final class IndexWatcher implements AutoCloseable {
    private final WatchService service;
    private final Consumer<Path> changed;
    private final Runnable resync;
    private final Set<Path> watched = new HashSet<>();
    private final Thread thread;
    private volatile boolean closed;

    IndexWatcher(Consumer<Path> changed, Runnable resync) throws IOException {
        this.service = FileSystems.getDefault().newWatchService();
        this.changed = changed;
        this.resync = resync;
        this.thread = new Thread(this::run, "claudemesh-index-watch");
        thread.setDaemon(true);
        thread.start();
    }

    /** Watches {@code projects} and its project folders (again: new ones are added); safe to repeat. */
    synchronized void watch(Path projects) {
        if (closed || !Files.isDirectory(projects)) {
            return;
        }
        register(projects);
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(projects, Files::isDirectory)) {
            for (Path d : dirs) {
                register(d);
            }
        } catch (IOException ignored) {
            // the reconciliation retries
        }
    }

    private void register(Path dir) {
        if (watched.contains(dir)) {
            return;
        }
        try {
            dir.register(
                    service,
                    StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE);
            watched.add(dir);
        } catch (IOException ignored) {
            // gone already, or no more watches: the reconciliation still sees it
        }
    }

    private void run() {
        while (!closed) {
            WatchKey key;
            try {
                key = service.take();
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            }
            Path dir = (Path) key.watchable();
            for (WatchEvent<?> ev : key.pollEvents()) {
                if (ev.kind() == StandardWatchEventKinds.OVERFLOW) {
                    resync.run();
                    continue;
                }
                Path p = dir.resolve((Path) ev.context());
                if (p.getFileName().toString().endsWith(".jsonl")) {
                    changed.accept(p);
                } else if (ev.kind() == StandardWatchEventKinds.ENTRY_CREATE && Files.isDirectory(p)) {
                    synchronized (this) {
                        register(p);
                    }
                    resync.run();
                }
            }
            if (!key.reset()) {
                synchronized (this) {
                    watched.remove(dir);
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            service.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        thread.interrupt();
    }
}
