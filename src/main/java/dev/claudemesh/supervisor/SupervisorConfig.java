package dev.claudemesh.supervisor;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of a supervisor run.
 *
 * @param nativeCacheDir where pty4j's and JLine's native libraries are kept between runs
 * @param deliveryMode what to type for a delivery
 * @param silence how long the user must not have pressed a key before the supervisor types
 * @param submitTimeout after typing, how long to wait for claude to take the prompt before typing again
 * @param feedTimeout how long one long-poll to the daemon may block
 */
public record SupervisorConfig(
        Path nativeCacheDir,
        DeliveryMode deliveryMode,
        Duration silence,
        Duration submitTimeout,
        Duration feedTimeout) {
    public SupervisorConfig {
        Objects.requireNonNull(nativeCacheDir, "nativeCacheDir");
        Objects.requireNonNull(deliveryMode, "deliveryMode");
        requirePositive(silence, "silence", true);
        requirePositive(submitTimeout, "submitTimeout", false);
        requirePositive(feedTimeout, "feedTimeout", false);
    }

    /**
     * Defaults: paste mode, 500 ms silence, 15 s submit timeout, 60 s long-poll; native
     * libraries under {@code $CLAUDEMESH_HOME/cache/native}, or {@code <tmp>/claudemesh-<user>-native} (one level
     * under the sticky temp dir, checked to be ours) when CLAUDEMESH_HOME is not set.
     */
    public static SupervisorConfig defaults(Map<String, String> env) {
        String home = env.get("CLAUDEMESH_HOME");
        Path cache = home != null && !home.isBlank()
                ? Path.of(home, "cache", "native")
                : Path.of(
                        System.getProperty("java.io.tmpdir"),
                        "claudemesh-" + System.getProperty("user.name") + "-native");
        return new SupervisorConfig(
                cache,
                DeliveryMode.PASTE,
                InjectionGate.DEFAULT_SILENCE,
                Duration.ofSeconds(15),
                Duration.ofSeconds(60));
    }

    public SupervisorConfig withDeliveryMode(DeliveryMode mode) {
        return new SupervisorConfig(nativeCacheDir, mode, silence, submitTimeout, feedTimeout);
    }

    public SupervisorConfig withSilence(Duration window) {
        return new SupervisorConfig(nativeCacheDir, deliveryMode, window, submitTimeout, feedTimeout);
    }

    public SupervisorConfig withNativeCacheDir(Path dir) {
        return new SupervisorConfig(dir, deliveryMode, silence, submitTimeout, feedTimeout);
    }

    private static void requirePositive(Duration value, String name, boolean zeroAllowed) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || (!zeroAllowed && value.isZero())) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
