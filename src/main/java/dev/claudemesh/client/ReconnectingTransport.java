package dev.claudemesh.client;

import dev.claudemesh.config.DaemonState;
import dev.claudemesh.config.MeshHome;
import java.net.ConnectException;

/**
 * For long-lived clients (the MCP server, the tray app): connects on first use and reconnects once when the daemon
 * it knew is gone (it may have been restarted, on another port). A GET is retried after any failure to reach the
 * daemon; a POST only when the connection was refused, so a message is never stored twice by a retry.
 */
public final class ReconnectingTransport implements Transport {
    /** Finds (or starts) the daemon. */
    public interface Connector {
        Transport connect() throws DaemonUnavailableException;
    }

    private final Connector connector;
    private Transport current;

    public ReconnectingTransport(Connector connector) {
        this.connector = connector;
    }

    /** The daemon of {@code home}, started in the background when none of this version runs. */
    public static ReconnectingTransport autostarting(MeshHome home) {
        return new ReconnectingTransport(
                () -> new DaemonStarter(home).connect(true).transport());
    }

    /** The daemon of {@code home} if one runs; never starts one. */
    public static ReconnectingTransport existing(MeshHome home) {
        return new ReconnectingTransport(
                () -> new DaemonStarter(home).connect(false).transport());
    }

    @Override
    public LeanHttp.Response exchange(String method, String path, String body, int timeoutMillis)
            throws DaemonUnavailableException {
        try {
            return connection().exchange(method, path, body, timeoutMillis);
        } catch (DaemonUnavailableException e) {
            if (!method.equals("GET") && !(e.getCause() instanceof ConnectException)) {
                throw e;
            }
            return reconnect().exchange(method, path, body, timeoutMillis);
        }
    }

    @Override
    public DaemonState state() throws DaemonUnavailableException {
        return connection().state();
    }

    private synchronized Transport connection() throws DaemonUnavailableException {
        if (current == null) {
            current = connector.connect();
        }
        return current;
    }

    private synchronized Transport reconnect() throws DaemonUnavailableException {
        current = null;
        return connection();
    }
}
