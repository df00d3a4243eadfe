package dev.claudemesh.daemon;

import dev.claudemesh.api.Endpoints;
import dev.claudemesh.config.MeshHome;
import dev.claudemesh.mesh.Caller;
import dev.claudemesh.mesh.CallerIdentity;
import dev.claudemesh.mesh.Mesh;
import dev.claudemesh.mesh.SenderRule;
import dev.claudemesh.session.LoopbackPeers;
import dev.claudemesh.session.ProcessInfo;
import dev.claudemesh.session.ProcessProbe;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.function.LongPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who is calling the daemon, learned from the connection rather than taken from the request: the loopback
 * peer's process ({@link LoopbackPeers}, Linux) and then what that process is ({@link CallerIdentity}). {@link
 * #sender} turns a request's claimed {@code from} into the sender the message is stored with ({@link SenderRule}).
 * Only sends pay for the /proc scan ({@link #relayedBy}, the thin MCP route's check, looks at one process tree
 * only); nothing on the hook path calls this. Where callers cannot be learned (not
 * Linux, /proc unreadable) every caller is {@link Caller#UNDERIVABLE}, the claim is trusted, and the daemon says
 * so once in its log.
 */
public final class Callers {
    private static final Logger LOG = LoggerFactory.getLogger(Callers.class);

    private static final long SELF = ProcessHandle.current().pid();

    private final LoopbackPeers peers;
    private final CallerIdentity identity;

    /** @param peers null: callers cannot be learned here */
    Callers(LoopbackPeers peers, CallerIdentity identity) {
        this.peers = peers;
        this.identity = identity;
    }

    /** The daemon's callers for {@code home}; {@code hosted}: this process is the tray app hosting the daemon. */
    public static Callers of(Mesh mesh, ProcessProbe probe, MeshHome home, boolean hosted) {
        LoopbackPeers peers = LoopbackPeers.system();
        if (!peers.available()) {
            LOG.warn("this system has no readable /proc/net/tcp and /proc/*/fd: the daemon cannot tell which process"
                    + " sends a message, so it trusts the sender a request claims (any local client with the token"
                    + " can send as any session)");
            peers = null;
        }
        return new Callers(peers, new CallerIdentity(mesh::liveSessions, probe, trayApp(home, hosted)));
    }

    /** The caller of this request. */
    public Caller of(Context ctx) {
        if (peers == null) {
            return Caller.UNDERIVABLE;
        }
        OptionalLong pid = peers.pidOf(ctx.req().getRemotePort(), ctx.req().getLocalPort());
        if (pid.isEmpty()) {
            return Caller.UNKNOWN;
        }
        if (pid.getAsLong() == SELF) {
            OptionalLong onBehalf = onBehalfOf(ctx.header(Endpoints.CALLER_PID_HEADER));
            if (onBehalf.isPresent()) {
                return identity.ofPid(onBehalf.getAsLong()); // the MCP server this daemon hosts, for a client
            }
        }
        return identity.ofPid(pid.getAsLong());
    }

    /**
     * Whether this request's connection comes from process {@code pid} or one of its descendants (true where
     * callers cannot be learned, as {@link Caller#UNDERIVABLE} is taken elsewhere). Looks only at that process tree
     * where the kernel lists children, else finds the connection's owner among all processes.
     */
    public boolean relayedBy(Context ctx, long pid) {
        if (peers == null) {
            return true;
        }
        int client = ctx.req().getRemotePort();
        int server = ctx.req().getLocalPort();
        if (peers.treesListable()) {
            return peers.heldWithin(client, server, pid);
        }
        OptionalLong owner = peers.pidOf(client, server);
        return owner.isPresent()
                && (owner.getAsLong() == pid
                        || ProcessInfo.ancestors(owner.getAsLong()).contains(pid));
    }

    /**
     * The caller that process {@code pid} is, for a route that learned the pid some other way (it must come
     * from a trustworthy source, such as {@link #of(Context)}'s own lookup, never from a request's body).
     */
    public Caller ofPid(long pid) {
        return peers == null ? Caller.UNDERIVABLE : identity.ofPid(pid);
    }

    private static OptionalLong onBehalfOf(String header) {
        if (header == null) {
            return OptionalLong.empty();
        }
        try {
            long pid = Long.parseLong(header.trim());
            return pid > 1 ? OptionalLong.of(pid) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** The sender a message from this request is stored with; refuses a claim that is not the caller. */
    public String sender(Context ctx, String claimed) {
        return SenderRule.sender(claimed, of(ctx));
    }

    /** The tray app: the pid {@code tray.lock} names while that process holds the file open; or this process when hosted. */
    static LongPredicate trayApp(MeshHome home, boolean hosted) {
        long self = ProcessHandle.current().pid();
        Path lock = home.trayLockFile();
        return pid -> (hosted && pid == self) || holdsLock(lock, pid);
    }

    private static boolean holdsLock(Path lock, long pid) {
        try {
            if (Long.parseLong(Files.readString(lock).trim()) != pid) {
                return false;
            }
            Path real = lock.toRealPath();
            try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd"))) {
                for (Path fd : fds) {
                    if (real.equals(linkTarget(fd))) {
                        return true;
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
        return false;
    }

    private static Path linkTarget(Path fd) {
        try {
            return Files.readSymbolicLink(fd);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
