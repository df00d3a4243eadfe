package dev.claudemesh.supervisor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Command lines for the fixture programs and the supervisor, run as child JVMs on the test classpath. */
final class Fixtures {
    static final Path NATIVE_CACHE = Path.of("target", "test-native-cache").toAbsolutePath();

    private Fixtures() {}

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** This JVM's class path with every entry absolute, so a fixture started in another folder finds it too. */
    static String classpath() {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return java.util.Arrays.stream(cp.split(java.io.File.pathSeparator))
                .filter(e -> !e.isEmpty())
                .map(e -> Path.of(e).toAbsolutePath().toString())
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    }

    /** JVM options that start small programs fast. */
    static List<String> jvmOptions() {
        return List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto");
    }

    /** Arguments for {@code java} that run a fixture: what the supervisor gets as claude's arguments. */
    static List<String> fixtureArgs(Class<?> main, String... args) {
        List<String> command = new ArrayList<>(jvmOptions());
        command.add("-cp");
        command.add(classpath());
        command.add(main.getName());
        command.addAll(List.of(args));
        return command;
    }

    static List<String> fixture(Class<?> main, String... args) {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(fixtureArgs(main, args));
        return command;
    }

    /** The supervisor running {@code java <fixture> args} as its claude. */
    static List<String> supervisor(Class<?> main, String... args) {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(jvmOptions());
        command.add("-cp");
        command.add(classpath());
        command.add(dev.claudemesh.supervisor.fixtures.LaunchSupervisor.class.getName());
        command.addAll(fixtureArgs(main, args));
        return command;
    }

    /** The environment for a supervisor whose claude is {@code java}, with a private native cache. */
    static Map<String, String> supervisorEnv(Path home) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put(ClaudeBinary.ENV_VAR, java());
        env.put("CLAUDEMESH_HOME", home.toString());
        env.put("TERM", "xterm-256color");
        return env;
    }
}
