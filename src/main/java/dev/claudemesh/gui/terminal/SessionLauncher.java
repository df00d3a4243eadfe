package dev.claudemesh.gui.terminal;

import dev.claudemesh.install.RunningJar;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line for {@code claudemesh run ARGS} with the same claudemesh the app runs from: this JVM's java and
 * this jar ({@code java -jar claudemesh.jar run ...}), or this JVM's class path when running from classes (a
 * source checkout, tests). So a terminal tab never picks up another claudemesh from PATH.
 */
public final class SessionLauncher {
    private final List<String> prefix;

    public SessionLauncher(List<String> prefix) {
        if (prefix.isEmpty()) {
            throw new IllegalArgumentException("a launcher needs a command");
        }
        this.prefix = List.copyOf(prefix);
    }

    /** The claudemesh of this process. */
    public static SessionLauncher current() {
        String java = ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> p = new ArrayList<>();
        p.add(java);
        p.add("-XX:+UseSerialGC");
        p.add("-XX:TieredStopAtLevel=1");
        Path jar = RunningJar.find();
        if (jar != null) {
            p.add("-jar");
            p.add(jar.toString());
        } else {
            p.add("-cp");
            p.add(System.getProperty("java.class.path"));
            p.add("dev.claudemesh.Main");
        }
        return new SessionLauncher(p);
    }

    /** {@code claudemesh run <claudeArgs...>}. */
    public List<String> command(List<String> claudeArgs) {
        List<String> c = new ArrayList<>(prefix);
        c.add("run");
        c.addAll(claudeArgs);
        return c;
    }
}
