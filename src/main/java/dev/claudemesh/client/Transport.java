package dev.claudemesh.client;

import dev.claudemesh.api.Endpoints;
import dev.claudemesh.config.DaemonState;

/** How a {@link DaemonClient}'s requests reach the daemon: one HTTP exchange, failures as unavailability. */
public interface Transport {
    LeanHttp.Response exchange(String method, String path, String body, int timeoutMillis)
            throws DaemonUnavailableException;

    /** The daemon this transport talks to now (pid, port, version). */
    DaemonState state() throws DaemonUnavailableException;

    /** The daemon {@code state} describes, reached over {@link LeanHttp} with {@code token}. */
    static Transport direct(DaemonState state, String token) {
        return new DirectTransport(state, token);
    }

    /**
     * As {@link #direct}, for the daemon's own process calling itself on behalf of process {@code callerPid} ({@link
     * Endpoints#CALLER_PID_HEADER}): the daemon derives the caller from that process.
     */
    static Transport selfOnBehalfOf(DaemonState state, String token, long callerPid) {
        return new DirectTransport(
                state, new LeanHttp(state.port(), token, Endpoints.CALLER_PID_HEADER + ": " + callerPid + "\r\n"));
    }
}
