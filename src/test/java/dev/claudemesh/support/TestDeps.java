package dev.claudemesh.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The npm tools the end-to-end tests use (the pinned claude, the MCP Inspector) live in
 * {@code ~/.cache/claudemesh-test}. When a test needs one that is not there, this runs
 * {@code .ci/install-test-deps} once, so {@code ./mvnw verify} alone sets up a fresh machine (node and npm
 * assumed). Failure to install is reported by the caller's own clear message.
 */
public final class TestDeps {
    private static boolean tried;

    private TestDeps() {}

    /** Installs the cached npm tools if {@code expected} is missing; returns whether it exists afterwards. */
    public static synchronized boolean ensure(Path expected) {
        if (Files.isExecutable(expected) || tried) {
            return Files.isExecutable(expected);
        }
        tried = true;
        Path script = Path.of(System.getProperty("user.dir"), ".ci", "install-test-deps");
        if (!Files.isRegularFile(script)) {
            return false;
        }
        try {
            Process p =
                    new ProcessBuilder("bash", script.toString()).inheritIO().start();
            if (!p.waitFor(15, TimeUnit.MINUTES)) {
                p.destroyForcibly();
            }
        } catch (Exception e) {
            return false;
        } catch (Error e) {
            throw e;
        }
        return Files.isExecutable(expected);
    }
}
