package dev.claudemesh.support;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where {@code .ci/install-test-deps} puts the npm test tools: {@code $CLAUDEMESH_TEST_CACHE}, else
 * {@code $HOME/.cache/claudemesh-test} — the same rule as the script, so a shell whose {@code HOME} is not the
 * account's home (the JVM's {@code user.home}) finds what it installed. {@code user.home} only when HOME is unset.
 */
public final class TestCache {
    private TestCache() {}

    public static Path dir() {
        return dir(System.getenv(), System.getProperty("user.home"));
    }

    public static Path dir(Map<String, String> env, String userHome) {
        String cache = env.get("CLAUDEMESH_TEST_CACHE");
        if (cache != null && !cache.isBlank()) {
            return Path.of(cache);
        }
        String home = env.get("HOME");
        return Path.of(home != null && !home.isBlank() ? home : userHome, ".cache", "claudemesh-test");
    }

    /** An executable under the cache's {@code npm/node_modules/.bin}. */
    public static Path npmBin(String name) {
        return dir().resolve("npm").resolve("node_modules").resolve(".bin").resolve(name);
    }
}
