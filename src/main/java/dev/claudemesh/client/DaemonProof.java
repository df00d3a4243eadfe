package dev.claudemesh.client;

import dev.claudemesh.config.DaemonState;
import dev.claudemesh.config.MeshHome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether the listener a state file points at has shown it is this home's daemon, checked <em>before</em> a client
 * sends it the token or any user data. A stale {@code daemon.state} (after a crash or a reboot) may name a port
 * another program, or another user, now listens on.
 *
 * <p>On Linux, with no network round trip: the state's pid holds this home's {@code daemon.lock} ({@code
 * /proc/locks}; only a claudemesh daemon of this home takes it, and it binds its port before it publishes the
 * state), and the socket listening on 127.0.0.1:port belongs to this user ({@code /proc/net/tcp}). Elsewhere: the
 * pid is alive and runs as this user. JDK-only (hook path).
 */
public final class DaemonProof {
    private static final Path LOCKS = Path.of("/proc/locks");
    private static final Path TCP = Path.of("/proc/net/tcp");
    private static final Path TCP6 = Path.of("/proc/net/tcp6");

    private DaemonProof() {}

    /** Empty when the listener is this home's daemon; otherwise why it is not (for messages). */
    public static Optional<String> refute(MeshHome home, DaemonState st) {
        Optional<ProcessHandle> p = ProcessHandle.of(st.pid());
        if (p.isEmpty() || !p.get().isAlive()) {
            return Optional.of("the daemon.state names pid " + st.pid() + ", which is not running (a stale state)");
        }
        if (!Files.isReadable(LOCKS) || !Files.isReadable(TCP)) {
            String me = System.getProperty("user.name");
            Optional<String> user = p.get().info().user();
            return user.isPresent() && user.get().equals(me)
                    ? Optional.empty()
                    : Optional.of("pid " + st.pid() + " does not run as " + me);
        }
        try {
            long inode = ((Number) Files.getAttribute(home.lockFile(), "unix:ino")).longValue();
            if (!holdsLock(Files.readString(LOCKS, StandardCharsets.US_ASCII), st.pid(), inode)) {
                return Optional.of("pid " + st.pid() + " does not hold " + home.lockFile()
                        + ", so it is not this home's daemon (a stale state)");
            }
            int uid = ((Number) Files.getAttribute(home.dir(), "unix:uid")).intValue();
            long listener = listenerUid(Files.readString(TCP, StandardCharsets.US_ASCII), st.port());
            if (listener < 0 && Files.isReadable(TCP6)) {
                listener = listenerUid(Files.readString(TCP6, StandardCharsets.US_ASCII), st.port());
            }
            if (listener < 0) {
                return Optional.of("nothing listens on 127.0.0.1:" + st.port() + " yet");
            }
            if (listener != uid) {
                return Optional.of("127.0.0.1:" + st.port() + " is held by another user (uid " + listener + ")");
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.of("cannot check the daemon's identity (" + e.getMessage() + ")");
        }
    }

    /** Whether a POSIX lock on {@code inode} held by {@code pid} is listed. */
    static boolean holdsLock(String procLocks, long pid, long inode) {
        String p = " " + pid + " ";
        String ino = ":" + inode + " ";
        for (String line : procLocks.split("\n")) {
            if (line.contains(p) && line.contains(ino) && !line.contains("->")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The uid owning the socket listening on 127.0.0.1:port ({@code /proc/net/tcp}, or IPv4-mapped in {@code
     * /proc/net/tcp6}: Java binds dual-stack sockets), or -1 when there is none.
     */
    static long listenerUid(String procNetTcp, int port) {
        String suffix = ":" + String.format(Locale.ROOT, "%04X", port);
        String v4 = "0100007F" + suffix;
        String mapped = "0000000000000000FFFF00000100007F" + suffix;
        for (String line : procNetTcp.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length > 7 && (f[1].equals(v4) || f[1].equals(mapped)) && f[3].equals("0A")) {
                return Long.parseLong(f[7]);
            }
        }
        return -1;
    }
}
