package dev.claudemesh.supervisor;

import dev.claudemesh.config.MeshConfig;
import dev.claudemesh.config.MeshHome;
import java.util.List;
import java.util.Map;

/**
 * {@code claudemesh [claude args]}, {@code claudemesh run [claude args]} and {@code claudemesh -- <args>}:
 * claude under the PTY supervisor, wired to the daemon for realtime delivery.
 */
public final class SupervisorCommand {
    /**
     * Set in the environment of the start-up archive's training run ({@code claudemesh install}, in a throwaway
     * home): the supervisor then starts no daemon.
     */
    public static final String TRAINING_ENV = "CLAUDEMESH_CDS_TRAINING";

    private SupervisorCommand() {}

    public static int run(List<String> claudeArgs, Map<String, String> env) {
        MeshHome home = MeshHome.fromEnv(env);
        SupervisorConfig config =
                SupervisorConfig.defaults(env).withNativeCacheDir(home.dir().resolve("cache/native"));
        try {
            if (MeshConfig.load(home, env).deliveryMode().equals("sentinel")) {
                config = config.withDeliveryMode(DeliveryMode.SENTINEL);
            }
        } catch (MeshConfig.ConfigException e) {
            System.err.println("claudemesh: " + e.getMessage() + " (using defaults)");
        }
        return SupervisorMain.run(
                claudeArgs,
                env,
                new DaemonFeedFactory(home, !env.containsKey(TRAINING_ENV)),
                LogListener.open(env.get("CLAUDEMESH_SUPERVISOR_LOG")),
                config,
                System.err);
    }
}
