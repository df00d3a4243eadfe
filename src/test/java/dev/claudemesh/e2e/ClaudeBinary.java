package dev.claudemesh.e2e;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the pinned Claude Code binary for end-to-end tests: system property {@code claudemesh.claude.bin},
 * else env {@code CLAUDEMESH_TEST_CLAUDE}, else {@code ~/.cache/claudemesh-test/npm/node_modules/.bin/claude}.
 * A missing binary fails the test with instructions; it is never skipped.
 */
public final class ClaudeBinary {

    /** The Claude Code version the captures and this harness were verified against. */
    public static final String PINNED_VERSION = "2.1.332";

    public static final String PROPERTY = "claudemesh.claude.bin";
    public static final String ENV = "CLAUDEMESH_TEST_CLAUDE";

    private ClaudeBinary() {}

    public static Path locate() {
        String property = System.getProperty(PROPERTY);
        String env = System.getenv(ENV);
        if ((property == null || property.isBlank()) && (env == null || env.isBlank())) {
            dev.claudemesh.support.TestDeps.ensure(dev.claudemesh.support.TestCache.npmBin("claude"));
        }
        return resolve(property, env, dev.claudemesh.support.TestCache.npmBin("claude"));
    }

    static Path resolve(String property, String env, Path defaultPath) {
        String source;
        Path path;
        if (property != null && !property.isBlank()) {
            source = "system property " + PROPERTY;
            path = Path.of(property);
        } else if (env != null && !env.isBlank()) {
            source = "environment variable " + ENV;
            path = Path.of(env);
        } else {
            source = "the default location";
            path = defaultPath;
        }
        if (!Files.isRegularFile(path) || !Files.isExecutable(path)) {
            throw new AssertionError("Claude Code " + PINNED_VERSION + " for end-to-end tests is not installed at "
                    + path + " (" + source + "): run .ci/install-test-deps, or point -D" + PROPERTY + " or "
                    + ENV + " at a claude " + PINNED_VERSION + " binary.");
        }
        return path;
    }
}
