package dev.claudemesh.cli;

import dev.claudemesh.client.DaemonClient;
import dev.claudemesh.client.DaemonStarter;
import dev.claudemesh.client.DaemonUnavailableException;
import dev.claudemesh.config.MeshHome;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Map;

/** What every command needs from its surroundings, passed in so tests run commands in-process. */
public record CliContext(Map<String, String> env, InputStream in, PrintWriter out, PrintWriter err) {
    public MeshHome home() {
        return MeshHome.fromEnv(env);
    }

    /** A client for the daemon, starting it if needed. */
    public DaemonClient client() throws DaemonUnavailableException {
        return new DaemonStarter(home()).connect(true);
    }

    /** A client for a daemon that already runs; never starts one. */
    public DaemonClient existingClient() throws DaemonUnavailableException {
        return new DaemonStarter(home()).connect(false);
    }
}
