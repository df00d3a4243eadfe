package dev.claudemesh.bench;

import dev.claudemesh.cli.InstallCommand;
import dev.claudemesh.client.DaemonStarter;
import dev.claudemesh.client.DaemonUnavailableException;
import dev.claudemesh.config.MeshHome;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * What a user has: {@code target/claudemesh.jar} installed (launcher and start-up archives) into a temp
 * {@code HOME}, and that home's daemon up, started through the launcher. {@link #close} ends the daemon by its pid
 * and deletes the home.
 */
final class InstalledHome implements AutoCloseable {
    final Path root;
    final Path meshHome;
    final Path launcher;
    /** The environment of a user's shell in this home. */
    final Map<String, String> env;

    private final Process daemon;

    private InstalledHome(Path root, Map<String, String> env, Process daemon) {
        this.root = root;
        this.meshHome = root.resolve(".claudemesh");
        this.launcher = meshHome.resolve("bin/claudemesh");
        this.env = env;
        this.daemon = daemon;
    }

    /** Installs (with the training runs) and starts the daemon; returns once the daemon answers. */
    static InstalledHome start(String prefix) throws Exception {
        Path root = Files.createTempDirectory(prefix);
        Path meshHome = root.resolve(".claudemesh");
        Map<String, String> env = new HashMap<>(System.getenv());
        env.remove("CLAUDE_CONFIG_DIR");
        String said = install(root, env);
        if (said.contains("no supervisor startup archive")) {
            throw new IllegalStateException("install failed: " + said);
        }
        ProcessBuilder pb = new ProcessBuilder(
                        meshHome.resolve("bin/claudemesh").toString(), "daemon")
                .redirectErrorStream(true)
                .redirectOutput(root.resolve("daemon.out").toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        InstalledHome home = new InstalledHome(root, env, pb.start());
        home.awaitDaemon();
        return home;
    }

    /**
     * {@code claudemesh install --jar target/claudemesh.jar} into {@code root} as its {@code HOME} (and
     * {@code root/.claudemesh} as {@code CLAUDEMESH_HOME}, both put into {@code env}); returns what install printed.
     */
    static String install(Path root, Map<String, String> env) {
        env.put("HOME", root.toString());
        env.put("CLAUDEMESH_HOME", root.resolve(".claudemesh").toString());
        StringWriter sink = new StringWriter();
        int rc = new CommandLine(new InstallCommand(env, new PrintWriter(sink), new PrintWriter(sink)))
                .execute(
                        "--jar",
                        Path.of("target/claudemesh.jar").toAbsolutePath().toString());
        if (rc != 0) {
            throw new IllegalStateException("install failed: " + sink);
        }
        return sink.toString();
    }

    private void awaitDaemon() throws Exception {
        MeshHome mesh = new MeshHome(meshHome);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < until && daemon.isAlive()) {
            try {
                if (new DaemonStarter(mesh).existing().isPresent()) {
                    return;
                }
            } catch (DaemonUnavailableException notYet) {
                // still starting
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(
                "the bench's daemon did not come up: " + Files.readString(root.resolve("daemon.out")));
    }

    long daemonPid() {
        return daemon.pid();
    }

    @Override
    public void close() throws Exception {
        daemon.destroy(); // SIGTERM to its pid: it shuts down cleanly
        if (!daemon.waitFor(20, TimeUnit.SECONDS)) {
            daemon.destroyForcibly();
            daemon.waitFor(5, TimeUnit.SECONDS);
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // litter in the temp folder at worst
                }
            });
        }
    }
}
