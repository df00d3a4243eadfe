package dev.claudemesh.session;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Which process is on the other end of a loopback TCP connection to this process, on Linux: the connection's
 * row in {@code /proc/net/tcp} (or {@code tcp6}) names the client socket's inode, and the process whose {@code
 * /proc/<pid>/fd} holds {@code socket:[inode]} (and that belongs to this OS user) is the caller. JDK-only.
 *
 * <p>The table is read only up to the connection's row. The fd scan tries the processes that owned callers'
 * sockets lately first (long-lived clients: MCP servers, the tray app), then every process of this user, newest
 * pid first (a short-lived caller such as curl usually is the newest), and stops at {@link #SCAN_BUDGET}; a kept-alive
 * connection's socket, owner and the owner's fd number are remembered (and checked again on each use: that process
 * still holds that socket, at that fd with one {@code readlink}, else at any), so a long-lived client pays for one
 * scan. A caller that names its process ({@link #heldWithin}) is checked against that process tree's fds only.
 * Elsewhere (no {@code /proc/net/tcp}) {@link #available()} is false and nothing can be learned.
 */
public final class LoopbackPeers {
    public static final Duration SCAN_BUDGET = Duration.ofSeconds(3);
    private static final int REMEMBERED = 64;
    private static final int TREE_LIMIT = 256;

    private final Path proc;
    private final long budgetNanos;
    private final long uid;
    private final boolean childrenListable;
    /** A connection's port pair → its client socket, the process that held it when last seen and at which fd. */
    private final Map<Long, long[]> owners = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, long[]> eldest) {
            return size() > REMEMBERED;
        }
    };

    /** Processes that held callers' sockets lately (long-lived clients: MCP servers, the tray app), tried first. */
    private final Map<Long, Boolean> recentOwners = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
            return size() > 16;
        }
    };

    /** @param proc where procfs is mounted ({@code /proc}) */
    public LoopbackPeers(Path proc, Duration budget) {
        this.proc = proc;
        this.budgetNanos = budget.toNanos();
        this.uid = ownerUid(proc.resolve("self"));
        this.childrenListable = Files.isReadable(
                proc.resolve("self/task/" + ProcessHandle.current().pid() + "/children"));
    }

    public static LoopbackPeers system() {
        return new LoopbackPeers(Path.of("/proc"), SCAN_BUDGET);
    }

    /** Whether callers can be learned here: procfs with this process's own socket table and fds readable. */
    public boolean available() {
        return uid >= 0 && Files.isReadable(proc.resolve("net/tcp")) && Files.isReadable(proc.resolve("self/fd"));
    }

    /**
     * The pid of this user's process holding the client end of the connection from {@code clientPort} to our
     * {@code serverPort} on 127.0.0.1; empty when no such connection or no owner of this user was found.
     */
    public OptionalLong pidOf(int clientPort, int serverPort) {
        long key = ((long) clientPort << 32) | (serverPort & 0xffffffffL);
        long[] known;
        synchronized (owners) {
            known = owners.get(key);
        }
        // While a process still holds that socket, its local port is bound to it: no other connection has the pair
        if (known != null) {
            String link = "socket:[" + known[0] + "]";
            if (ownerUid(proc.resolve(Long.toString(known[1]))) == uid && holdsAt(known[1], known[2], link)) {
                return OptionalLong.of(known[1]);
            }
            int fd = fdHolding(known[1], link, Long.MAX_VALUE);
            if (fd >= 0) {
                remember(key, known[0], known[1], fd);
                return OptionalLong.of(known[1]);
            }
        }
        OptionalLong inode = clientInode(clientPort, serverPort);
        if (inode.isEmpty()) {
            return OptionalLong.empty();
        }
        long[] owner = ownerOf(inode.getAsLong());
        if (owner == null) {
            return OptionalLong.empty();
        }
        remember(key, inode.getAsLong(), owner[0], (int) owner[1]);
        return OptionalLong.of(owner[0]);
    }

    private void remember(long key, long inode, long pid, int fd) {
        synchronized (owners) {
            owners.put(key, new long[] {inode, pid, fd});
        }
    }

    /**
     * Whether process {@code root} or one of its descendants (of this user) holds the client end of the connection
     * from {@code clientPort} to our {@code serverPort} on 127.0.0.1. Reads the socket table up to the connection's
     * row and then only that process tree's fds, found through {@code /proc/<pid>/task/<tid>/children}: no scan of
     * every process, so it costs about the same on a machine with thousands of them. Needs {@link
     * #treesListable()}; false when the connection or the tree is not found, and for pid 1 or below.
     */
    public boolean heldWithin(int clientPort, int serverPort, long root) {
        if (root <= 1) {
            return false; // init holds nothing itself, and every process descends from it
        }
        OptionalLong inode = clientInode(clientPort, serverPort);
        if (inode.isEmpty()) {
            return false;
        }
        String link = "socket:[" + inode.getAsLong() + "]";
        long deadline = System.nanoTime() + budgetNanos;
        List<Long> tree = tree(root);
        for (int i = tree.size() - 1; i >= 0; i--) { // the leaves first: the launcher's curl holds the socket
            if (fdHolding(tree.get(i), link, deadline) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** Whether this kernel lists a process's children ({@code CONFIG_PROC_CHILDREN}), as {@link #heldWithin} needs. */
    public boolean treesListable() {
        return childrenListable;
    }

    /** {@code root} and its descendants, parents before children (at most {@link #TREE_LIMIT} processes). */
    private List<Long> tree(long root) {
        List<Long> out = new ArrayList<>();
        out.add(root);
        for (int next = 0; next < out.size() && out.size() < TREE_LIMIT; next++) {
            try (DirectoryStream<Path> tasks = Files.newDirectoryStream(proc.resolve(out.get(next) + "/task"))) {
                for (Path task : tasks) {
                    for (String child : Files.readString(task.resolve("children"), StandardCharsets.US_ASCII)
                            .trim()
                            .split(" ")) {
                        if (!child.isEmpty() && out.size() < TREE_LIMIT) {
                            out.add(Long.parseLong(child));
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                // gone meanwhile, or not ours to read
            }
        }
        return out;
    }

    /** The client socket's inode of an established connection {@code clientPort → serverPort} of this user. */
    private OptionalLong clientInode(int clientPort, int serverPort) {
        // curl's sockets are IPv4, Java clients' IPv6 (mapped): the IPv4 table first, as it is the short one (the
        // daemon's own sockets and their TIME_WAIT rows are IPv6)
        for (String table : List.of("net/tcp", "net/tcp6")) {
            try (BufferedReader rows = Files.newBufferedReader(proc.resolve(table), StandardCharsets.US_ASCII)) {
                OptionalLong inode = inode(rows, clientPort, serverPort, uid);
                if (inode.isPresent()) {
                    return inode;
                }
            } catch (IOException | RuntimeException e) {
                // unreadable: try the other table
            }
        }
        return OptionalLong.empty();
    }

    /**
     * The inode of the client socket of an established connection {@code 127.0.0.1:clientPort → 127.0.0.1:
     * serverPort} owned by {@code uid}, from a {@code /proc/net/tcp[6]} table (IPv4 or IPv4-mapped addresses).
     */
    static OptionalLong inode(String table, int clientPort, int serverPort, long uid) {
        try {
            return inode(new BufferedReader(new StringReader(table)), clientPort, serverPort, uid);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** As {@link #inode(String, int, int, long)}, reading rows only until the connection's row is found. */
    static OptionalLong inode(BufferedReader rows, int clientPort, int serverPort, long uid) throws IOException {
        String local = String.format("0100007F:%04X ", clientPort);
        String remote = String.format("0100007F:%04X ", serverPort);
        for (String line = rows.readLine(); line != null; line = rows.readLine()) {
            if (line.indexOf(local) < 0 || line.indexOf(remote) < 0) {
                continue; // the cheap test first: a busy machine has thousands of rows (TIME_WAIT included)
            }
            String[] f = line.trim().split("\\s+");
            if (f.length < 10
                    || !(f[1] + " ").endsWith(local)
                    || !(f[2] + " ").endsWith(remote)
                    || !f[3].equals("01")) {
                continue;
            }
            try {
                long inode = Long.parseLong(f[9]);
                if (Long.parseLong(f[7]) == uid && inode > 0) {
                    return OptionalLong.of(inode);
                }
            } catch (NumberFormatException e) {
                // not a socket row
            }
        }
        return OptionalLong.empty();
    }

    /** The process of this user holding socket {@code inode} and the fd it holds it at; null when none was found. */
    private long[] ownerOf(long inode) {
        String link = "socket:[" + inode + "]";
        long deadline = System.nanoTime() + budgetNanos;
        List<Long> recent;
        synchronized (recentOwners) {
            recent = new ArrayList<>(recentOwners.keySet());
        }
        for (long pid : recent) {
            int fd = fdHolding(pid, link, deadline);
            if (fd >= 0) {
                return remembered(pid, fd);
            }
        }
        for (long pid : pidsNewestFirst()) {
            if (System.nanoTime() > deadline) {
                return null;
            }
            int fd = fdHolding(pid, link, deadline);
            if (fd >= 0) {
                return remembered(pid, fd);
            }
        }
        return null;
    }

    private long[] remembered(long pid, int fd) {
        synchronized (recentOwners) {
            recentOwners.put(pid, Boolean.TRUE);
        }
        return new long[] {pid, fd};
    }

    /** Whether fd {@code fd} of {@code pid} is {@code link} (the caller checked that the process is this user's). */
    private boolean holdsAt(long pid, long fd, String link) {
        return link.equals(readLink(proc.resolve(pid + "/fd/" + fd)));
    }

    /** The fd at which process {@code pid}, of this user, holds {@code link}; -1 when it holds none (by the deadline). */
    private int fdHolding(long pid, String link, long deadline) {
        Path dir = proc.resolve(Long.toString(pid));
        if (ownerUid(dir) != uid) {
            return -1;
        }
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(dir.resolve("fd"))) {
            for (Path fd : fds) {
                if (link.equals(readLink(fd))) {
                    return Integer.parseInt(fd.getFileName().toString());
                }
                if (System.nanoTime() > deadline) {
                    return -1;
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone, or not ours to read
        }
        return -1;
    }

    private List<Long> pidsNewestFirst() {
        List<Long> pids = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(proc)) {
            for (Path p : dirs) {
                String name = p.getFileName().toString();
                if (!name.isEmpty() && name.chars().allMatch(Character::isDigit) && name.length() < 10) {
                    pids.add(Long.parseLong(name));
                }
            }
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        pids.sort((a, b) -> Long.compare(b, a));
        return pids;
    }

    private static String readLink(Path fd) {
        try {
            return Files.readSymbolicLink(fd).toString();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static long ownerUid(Path dir) {
        try {
            return ((Number) Files.getAttribute(dir, "unix:uid")).longValue();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
