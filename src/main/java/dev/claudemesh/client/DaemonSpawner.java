package dev.claudemesh.client;

import dev.claudemesh.config.JvmFlags;
import dev.claudemesh.config.MeshHome;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts {@code claudemesh daemon --if-absent} in the background with this JVM's java and classpath, in a
 * session of its own, logging to the home's daemon.log. JDK-only: the hook path uses it too.
 */
public final class DaemonSpawner {
    private static final long LOG_ROTATE_BYTES = 5L * 1024 * 1024;
    /** A background start counts as under way this long: hooks in that window start no second JVM. */
    static final long START_GRACE_MILLIS = 10_000;

    private static final Path LOCKS = Path.of("/proc/locks");

    private DaemonSpawner() {}

    /**
     * This JVM's {@code java.home/bin/java}: under jpackage's native launcher the process command is the launcher,
     * which would take the JVM flags below for claudemesh arguments. The process command otherwise.
     */
    static String javaExecutable() {
        String home = System.getProperty("java.home");
        if (home != null) {
            File java = new File(new File(home, "bin"), "java");
            if (java.canExecute()) {
                return java.getPath();
            }
        }
        return ProcessHandle.current().info().command().orElse("java");
    }

    /**
     * For the hooks that must not wait (every one but SessionStart) and the background waiter: starts a daemon
     * without waiting for it, unless one is already on its way — the home's {@code daemon.lock} is held (a daemon
     * starting or running holds it before it publishes its state) or another hook started one less than {@link
     * #START_GRACE_MILLIS} ago ({@code daemon.spawned}'s time). The daemon's own {@code --if-absent} settles any
     * race that is left. Returns whether it started one. Never throws: the callers fail open.
     */
    public static boolean spawnInBackground(MeshHome home) {
        try {
            home.ensure();
            if (startUnderWay(home)) {
                return false;
            }
            Path mark = home.dir().resolve("daemon.spawned");
            Files.deleteIfExists(mark);
            Files.createFile(mark); // the winner of a race among hooks; the others see it exist
            spawn(home);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean startUnderWay(MeshHome home) throws IOException {
        Path mark = home.dir().resolve("daemon.spawned");
        if (Files.exists(mark)) {
            long age =
                    System.currentTimeMillis() - Files.getLastModifiedTime(mark).toMillis();
            if (age >= 0 && age < START_GRACE_MILLIS) {
                return true;
            }
        }
        if (!Files.exists(home.lockFile()) || !Files.isReadable(LOCKS)) {
            return false;
        }
        long inode = ((Number) Files.getAttribute(home.lockFile(), "unix:ino")).longValue();
        return lockListed(Files.readString(LOCKS, StandardCharsets.US_ASCII), inode);
    }

    /** Whether {@code /proc/locks} lists a lock (held, not waited for) on {@code inode}. */
    static boolean lockListed(String procLocks, long inode) {
        String ino = ":" + inode + " ";
        for (String line : procLocks.split("\n")) {
            if (line.contains(ino) && !line.contains("->")) {
                return true;
            }
        }
        return false;
    }

    public static Process spawn(MeshHome home) throws IOException {
        home.ensure();
        Path log = home.logFile();
        if (Files.exists(log) && Files.size(log) > LOG_ROTATE_BYTES) {
            Files.move(log, log.resolveSibling("daemon.log.1"), StandardCopyOption.REPLACE_EXISTING);
        }
        MeshHome.privateFile(log);
        String java = javaExecutable();
        List<String> cmd = new ArrayList<>();
        if (new File("/usr/bin/setsid").canExecute()) {
            cmd.add("/usr/bin/setsid"); // its own session: a Ctrl-C in the starter's terminal must not stop it
        }
        cmd.add(java);
        cmd.addAll(JvmFlags.DAEMON);
        cmd.addAll(List.of("-Xlog:disable", "-Xlog:all=warning:stderr"));
        String extra = System.getenv("CLAUDEMESH_DAEMON_JAVA_OPTS"); // e.g. GC logging while diagnosing
        if (extra != null && !extra.isBlank()) {
            cmd.addAll(List.of(extra.trim().split("\\s+")));
        }
        cmd.addAll(
                List.of("-cp", System.getProperty("java.class.path"), "dev.claudemesh.Main", "daemon", "--if-absent"));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("CLAUDEMESH_HOME", home.dir().toString());
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.redirectErrorStream(true);
        return pb.start();
    }
}
