package dev.claudemesh.gui;

import dev.claudemesh.client.DaemonClient;
import dev.claudemesh.client.DaemonUnavailableException;
import dev.claudemesh.config.DaemonState;
import dev.claudemesh.config.MeshHome;
import dev.claudemesh.config.Token;
import java.util.Optional;

/**
 * The client for whatever daemon serves a home now: its state file names the port, so when the daemon is restarted
 * (on another port) the next call goes to the new one. Never starts a daemon; the app decides that.
 */
final class HomeConnector implements GuiServices.Connector {
    private final MeshHome home;
    private DaemonState known;
    private DaemonClient client;

    HomeConnector(MeshHome home) {
        this.home = home;
    }

    @Override
    public synchronized DaemonClient client() throws DaemonUnavailableException {
        Optional<DaemonState> st = DaemonState.read(home.stateFile());
        if (st.isEmpty()) {
            throw new DaemonUnavailableException("no claudemesh daemon is running for " + home.dir());
        }
        if (!st.get().equals(known) || client == null) {
            String token = Token.read(home.tokenFile());
            if (token == null) {
                throw new DaemonUnavailableException("the daemon's token file is missing in " + home.dir());
            }
            client = new DaemonClient(st.get(), token);
            known = st.get();
        }
        return client;
    }
}
