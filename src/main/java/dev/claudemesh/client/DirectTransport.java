package dev.claudemesh.client;

import dev.claudemesh.config.DaemonState;
import java.io.IOException;

/** One daemon, as its state file described it, over {@link LeanHttp}. */
final class DirectTransport implements Transport {
    private final DaemonState state;
    private final LeanHttp http;

    DirectTransport(DaemonState state, String token) {
        this(state, new LeanHttp(state.port(), token));
    }

    DirectTransport(DaemonState state, LeanHttp http) {
        this.state = state;
        this.http = http;
    }

    @Override
    public LeanHttp.Response exchange(String method, String path, String body, int timeoutMillis)
            throws DaemonUnavailableException {
        try {
            return method.equals("GET") ? http.get(path, timeoutMillis) : http.post(path, body, timeoutMillis);
        } catch (IOException e) {
            throw new DaemonUnavailableException(
                    "cannot reach the claudemesh daemon at 127.0.0.1:" + state.port() + " (" + e + ")", e);
        }
    }

    @Override
    public DaemonState state() {
        return state;
    }
}
