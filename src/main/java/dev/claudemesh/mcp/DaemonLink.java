package dev.claudemesh.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudemesh.client.DaemonClient;
import dev.claudemesh.client.DaemonStarter;
import dev.claudemesh.client.DaemonUnavailableException;
import dev.claudemesh.config.MeshHome;
import java.net.ConnectException;

/**
 * The MCP server's way to the daemon: connects on first use (starting the daemon if none runs), and reconnects
 * once when the daemon it knew is gone (restarted on another port). A send is retried only when the connection
 * was refused, so a message is never stored twice by a retry.
 */
final class DaemonLink {
    /** Finds (or starts) the daemon. */
    interface Connector {
        DaemonClient connect() throws DaemonUnavailableException;
    }

    private final Connector connector;
    private DaemonClient client;

    DaemonLink(Connector connector) {
        this.connector = connector;
    }

    /** The daemon of {@code home}, started in the background when none runs. */
    static DaemonLink autostarting(MeshHome home) {
        return new DaemonLink(() -> new DaemonStarter(home).connect(true));
    }

    JsonNode get(String path) throws DaemonUnavailableException {
        try {
            return client().get(path);
        } catch (DaemonUnavailableException e) {
            return reconnect().get(path);
        }
    }

    JsonNode post(String path, Object body) throws DaemonUnavailableException {
        try {
            return client().post(path, body);
        } catch (DaemonUnavailableException e) {
            if (!(e.getCause() instanceof ConnectException)) {
                throw e;
            }
            return reconnect().post(path, body);
        }
    }

    synchronized DaemonClient client() throws DaemonUnavailableException {
        if (client == null) {
            client = connector.connect();
        }
        return client;
    }

    private synchronized DaemonClient reconnect() throws DaemonUnavailableException {
        client = null;
        return client();
    }
}
