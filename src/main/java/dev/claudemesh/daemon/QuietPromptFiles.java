package dev.claudemesh.daemon;

import dev.claudemesh.config.MeshHome;
import dev.claudemesh.mesh.Mesh;
import dev.claudemesh.mesh.QuietPrompts;
import dev.claudemesh.session.Ids;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The quiet prompt's files in the daemon's home ({@link QuietPrompts}): a marker {@code quiet/p<claude pid>} per claude
 * process whose prompt hook may skip the daemon, a symlink to {@code /proc/<this pid>} so that it stops counting the
 * moment this daemon is gone (a crash included), and the lines such prompts leave in {@code prompts/}, read as soon
 * as they are written (a {@code claudemesh-quiet-prompts} thread on an inotify watch) and before every hook event.
 * Both folders are emptied when the daemon starts, and its markers removed when it stops. The folders are in the 0700
 * home: only this user writes them. A line is taken only whole ({@code UserPromptSubmit <pid> <session id>} and a
 * newline, at most {@link #MAX_LINE} bytes, a regular file); one that stays incomplete is dropped after
 * {@link #STALE_MILLIS}.
 */
final class QuietPromptFiles implements QuietPrompts, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(QuietPromptFiles.class);
    static final int MAX_LINE = 256;
    static final long STALE_MILLIS = 10_000;
    private static final String EVENT = "UserPromptSubmit";
    private static final Pattern PID = Pattern.compile("[1-9][0-9]{0,9}");

    private final Path quiet;
    private final Path prompts;
    private final Path self;
    private final AtomicLong tmp = new AtomicLong();
    private WatchService watch;
    private Thread watcher;
    private boolean closed;

    private QuietPromptFiles(MeshHome home, long pid) {
        this.quiet = home.quietDir();
        this.prompts = home.promptsDir();
        this.self = Path.of("/proc", Long.toString(pid));
    }

    /** Empties both folders (0700), hands the markers to {@code mesh} and watches for prompts that skip it. */
    static QuietPromptFiles start(MeshHome home, Mesh mesh) throws IOException {
        QuietPromptFiles f = new QuietPromptFiles(home, ProcessHandle.current().pid());
        f.prepare();
        mesh.useQuietPrompts(f);
        f.watch(mesh);
        return f;
    }

    /** Without a watch (tests drive {@link #take} themselves). */
    static QuietPromptFiles forTest(MeshHome home, long pid) throws IOException {
        QuietPromptFiles f = new QuietPromptFiles(home, pid);
        f.prepare();
        return f;
    }

    private void prepare() throws IOException {
        for (Path dir : List.of(quiet, prompts)) {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                for (Path e : entries) {
                    Files.deleteIfExists(e); // an earlier daemon's: its sessions are healed by their next full hook
                }
            }
        }
    }

    private void watch(Mesh mesh) throws IOException {
        watch = prompts.getFileSystem().newWatchService();
        prompts.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
        watcher = new Thread(() -> follow(mesh), "claudemesh-quiet-prompts");
        watcher.setDaemon(true);
        watcher.start();
    }

    private void follow(Mesh mesh) {
        try {
            while (true) {
                WatchKey key = watch.take();
                key.pollEvents();
                try {
                    mesh.catchUpQuietPrompts();
                } catch (Exception e) {
                    LOG.warn("could not apply quiet prompts: {}", e.toString());
                }
                if (!key.reset()) {
                    LOG.warn("{} is gone; quiet prompts are read at the next hook event only", prompts);
                    return;
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException stopped) {
            // the daemon stops
        }
    }

    @Override
    public synchronized void allow(long pid) {
        if (closed) {
            return;
        }
        Path link = marker(pid);
        try {
            if (Files.isSymbolicLink(link) && Files.readSymbolicLink(link).equals(self)) {
                return;
            }
            Path t = quiet.resolve(".p" + pid + "." + tmp.incrementAndGet());
            Files.deleteIfExists(t);
            Files.createSymbolicLink(t, self);
            Files.move(t, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.warn("could not mark pid {}'s prompts quiet: {}", pid, e.toString()); // they ask the daemon
        }
    }

    @Override
    public synchronized void revoke(long pid) {
        try {
            Files.deleteIfExists(marker(pid));
        } catch (IOException e) {
            LOG.error("could not remove the quiet prompt marker {}: {}", marker(pid), e.toString());
        }
    }

    @Override
    public synchronized List<Prompt> take() {
        List<Prompt> out = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(prompts)) {
            for (Path f : entries) {
                read(f, out);
            }
        } catch (IOException e) {
            LOG.warn("could not read {}: {}", prompts, e.toString());
        }
        return out;
    }

    private void read(Path f, List<Prompt> out) throws IOException {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(f, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (java.nio.file.NoSuchFileException gone) {
            return;
        }
        long at = a.lastModifiedTime().toMillis();
        if (!a.isRegularFile() || a.size() > MAX_LINE) {
            LOG.warn("dropped {}: not a quiet prompt's line", f.getFileName());
            Files.deleteIfExists(f);
            return;
        }
        String line = content(f);
        if (line == null) {
            return;
        }
        Prompt p = parse(line, at);
        if (p != null) {
            Files.deleteIfExists(f);
            out.add(p);
        } else if (line.endsWith("\n") || System.currentTimeMillis() - at > STALE_MILLIS) {
            LOG.warn("dropped {}: not a quiet prompt's line", f.getFileName());
            Files.deleteIfExists(f);
        } // else still being written: a later call takes it
    }

    private static String content(Path f) throws IOException {
        try (SeekableByteChannel c = Files.newByteChannel(f, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer b = ByteBuffer.allocate(MAX_LINE + 1);
            while (b.hasRemaining() && c.read(b) > 0) {
                // to the end or the limit
            }
            return new String(b.array(), 0, b.position(), StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException gone) {
            return null;
        }
    }

    /** A whole line {@code UserPromptSubmit <pid> <session id or nothing>\n}, else null. */
    static Prompt parse(String line, long at) {
        if (!line.endsWith("\n") || line.indexOf('\n') != line.length() - 1) {
            return null;
        }
        String[] w = line.substring(0, line.length() - 1).split(" ", -1);
        if (w.length != 3 || !w[0].equals(EVENT) || !PID.matcher(w[1]).matches()) {
            return null;
        }
        if (!w[2].isEmpty() && !Ids.isSessionId(w[2])) {
            return null;
        }
        return new Prompt(Long.parseLong(w[1]), w[2], at);
    }

    private Path marker(long pid) {
        return quiet.resolve("p" + pid);
    }

    /** Stops watching and removes this daemon's markers: every prompt hook asks (or finds no daemon) from now on. */
    @Override
    public synchronized void close() {
        closed = true;
        try {
            if (watch != null) {
                watch.close();
            }
        } catch (IOException e) {
            LOG.warn("closing the prompts watch: {}", e.toString());
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(quiet)) {
            for (Path e : entries) {
                if (Files.isSymbolicLink(e) && Files.readSymbolicLink(e).equals(self)) {
                    Files.deleteIfExists(e);
                }
            }
        } catch (IOException e) {
            LOG.warn("could not remove the quiet prompt markers in {}: {}", quiet, e.toString());
        }
    }
}
