package dev.claudemesh.bench;

import dev.claudemesh.install.LauncherScript;
import dev.claudemesh.supervisor.NativeLibraries;
import dev.claudemesh.supervisor.PtyCommand;
import dev.claudemesh.supervisor.PtySession;
import dev.claudemesh.supervisor.WindowSize;
import dev.claudemesh.supervisor.fixtures.Blast;
import dev.claudemesh.supervisor.fixtures.RawEcho;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The PTY supervisor's cost. Throughput: a program writes 100 MiB to its terminal, run directly in a PTY (the
 * "user's terminal"), through the supervisor in that PTY (as installed: the program writes to that terminal itself),
 * through util-linux {@code script} in that PTY (the reference relay), and through the supervisor with
 * {@code CLAUDEMESH_PTY_OUTPUT=relay} (its relay, as where the program cannot write to the terminal itself); the arms
 * take turns in every round, {@code -Dptybench.runs} (5) rounds after one warm-up.
 * Per arm: time from the first byte to the last (the relay's throughput: like with like, since both relays start
 * the same program and its first byte comes after their start) and from start to the last byte (which adds the
 * supervisor JVM's start). The supervisor runs as a user runs it: {@code target/claudemesh.jar} installed into a
 * temp {@code HOME} (launcher and start-up archives), that home's daemon up, {@code <home>/bin/claudemesh run
 * <program>} with {@code CLAUDEMESH_CLAUDE_BIN=java}. Supervisor start alone: launch to the first byte of
 * {@code /bin/echo}, through the launcher (its archive), without the archive, and through {@code script}. Keystroke
 * latency: one byte echoed by a raw-mode program, round trip through the terminal directly and through the
 * supervisor. {@code -Dptybench.jvm="..."} runs the supervisor arm as {@code java <those options> -jar <installed
 * jar> run ...} instead of through the launcher (its flags and archive replaced by yours, {@code {home}} standing for
 * the installed home; same home and daemon).
 * Run with the test classpath after {@code package}: {@code packaging/bench pty}.
 */
public final class PtyBench {
    private static final int MEGABYTES = 100;
    private static final int RUNS = Integer.getInteger("ptybench.runs", 5);
    private static final int KEYS = 300;
    private static final int START_RUNS = Integer.getInteger("ptybench.startRuns", 15);
    private static final String ECHO = "/bin/echo";

    private PtyBench() {}

    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    public static void run(PrintStream out) throws Exception {
        try (InstalledHome home = InstalledHome.start("ptybench")) {
            Map<String, String> env = environment(home);
            out.printf(
                    "PtyBench on %d cores, load average %s (the machine may be shared: compare arms within a run),"
                            + " supervisor: %s%n",
                    Runtime.getRuntime().availableProcessors(), loadAverage(), describe(home));
            throughput(out, env, home);
            startup(out, env, home);
            latency(out, env, home);
            out.printf("load average after: %s%n", loadAverage());
        }
    }

    /** The supervisor's throughput beside util-linux {@code script} relaying the same bytes in the same harness. */
    static Figure figure(PrintStream out) throws Exception {
        try (InstalledHome home = InstalledHome.start("ptybench")) {
            out.printf("pty: load average %s, supervisor: %s%n", loadAverage(), describe(home));
            return throughput(out, environment(home), home);
        }
    }

    private static Map<String, String> environment(InstalledHome home) {
        NativeLibraries.prepare(home.root.resolve("bench-native")); // the harness's own pty4j
        Map<String, String> env = new HashMap<>(home.env);
        env.put("CLAUDEMESH_CLAUDE_BIN", java());
        env.put("TERM", "xterm-256color");
        return env;
    }

    private static String describe(InstalledHome home) {
        String options = System.getProperty("ptybench.jvm");
        return options == null
                ? home.launcher + " run <program> (installed launcher, its start-up archive; daemon pid "
                        + home.daemonPid() + " up)"
                : "java " + options + " -jar <installed jar> run <program> (-Dptybench.jvm; daemon pid "
                        + home.daemonPid() + " up)";
    }

    /** Launch to the first byte of a trivial child: the supervisor's own start, with and without its archive. */
    private static void startup(PrintStream out, Map<String, String> base, InstalledHome home) throws Exception {
        Map<String, String> env = new HashMap<>(base);
        env.put("CLAUDEMESH_CLAUDE_BIN", ECHO);
        String word = "claudemesh-ptybench";
        List<String> noArchive = new ArrayList<>(List.of(java()));
        noArchive.addAll(LauncherScript.COMMON_FLAGS); // the launcher's flags for the supervisor, minus the archive
        noArchive.addAll(
                List.of("-jar", home.meshHome.resolve("lib/claudemesh.jar").toString(), "run", word));
        List<String> names = List.of("launcher (archive)", "no archive", "script");
        List<List<String>> commands = List.of(
                List.of(home.launcher.toString(), "run", word),
                noArchive,
                List.of("script", "-q", "-e", "-c", ECHO + " " + word, "/dev/null"));
        long[][] first = new long[names.size()][START_RUNS];
        for (List<String> command : commands) {
            drain(command, env, word.length()); // warm-up
        }
        String load = loadAverage();
        for (int i = 0; i < START_RUNS; i++) {
            for (int k = 0; k < names.size(); k++) {
                int a = (i + k) % names.size();
                long[] r = drain(commands.get(a), env, word.length());
                first[a][i] = r[0] - r[1];
            }
        }
        out.printf(
                "supervisor start, launch to the first byte of %s, %d interleaved runs per arm (load %s -> %s):%n",
                ECHO, START_RUNS, load, loadAverage());
        for (int a = 0; a < names.size(); a++) {
            out.printf("  %-20s %s%n", names.get(a), millis(Stats.ofNanos(first[a], 1e6)));
        }
    }

    private static String millis(Stats stats) {
        return String.format("median %.0f ms, p95 %.0f ms (n=%d)", stats.median(), stats.p95(), stats.runs());
    }

    private static Figure throughput(PrintStream out, Map<String, String> env, InstalledHome home) throws Exception {
        long bytes = (long) MEGABYTES * 1024 * 1024;
        String size = Integer.toString(MEGABYTES);
        List<String> names = List.of("direct", "supervisor", "script", "relay");
        List<List<String>> commands = List.of(
                program(Blast.class, size),
                supervised(home, Blast.class, size),
                script(Blast.class, size),
                relayed(supervised(home, Blast.class, size)));
        int arms = names.size();
        long[][] wall = new long[arms][RUNS];
        long[][] relay = new long[arms][RUNS];
        for (int a = 0; a < arms; a++) {
            drain(commands.get(a), env, bytes); // warm-up round, not counted: page cache, first JIT of the bench
        }
        for (int i = 0; i < RUNS; i++) {
            String load = loadAverage();
            for (int k = 0; k < arms; k++) {
                int a = (i + k) % arms; // each arm goes first, second and third in turn
                long[] r = drain(commands.get(a), env, bytes);
                wall[a][i] = r[0];
                relay[a][i] = r[1];
            }
            out.printf(
                    "  run %d (load %s): start to last byte / first to last byte: direct %.2f / %.2f s,"
                            + " supervisor %.2f / %.2f s, script %.2f / %.2f s, supervisor relaying %.2f / %.2f s%n",
                    i + 1,
                    load,
                    wall[0][i] / 1e9,
                    relay[0][i] / 1e9,
                    wall[1][i] / 1e9,
                    relay[1][i] / 1e9,
                    wall[2][i] / 1e9,
                    relay[2][i] / 1e9,
                    wall[3][i] / 1e9,
                    relay[3][i] / 1e9);
        }
        out.printf(
                "pty throughput, %d MiB, %d runs per arm, arms interleaved (order rotated), one warm-up round"
                        + " not counted:%n",
                MEGABYTES, RUNS);
        Stats[] relayStats = new Stats[arms];
        Stats[] wallStats = new Stats[arms];
        for (int a = 0; a < arms; a++) {
            relayStats[a] = Stats.ofNanos(relay[a], 1e9);
            wallStats[a] = Stats.ofNanos(wall[a], 1e9);
            out.printf(
                    "  %-10s first to last byte %s (%.0f MiB/s); start to last byte %s%n",
                    names.get(a), seconds(relayStats[a]), MEGABYTES / relayStats[a].median(), seconds(wallStats[a]));
        }
        double relayRatio = relayStats[2].median() / relayStats[1].median();
        double wallRatio = wallStats[2].median() / wallStats[1].median();
        long[][] toFirst = new long[arms][RUNS];
        for (int a = 0; a < arms; a++) {
            for (int i = 0; i < RUNS; i++) {
                toFirst[a][i] = wall[a][i] - relay[a][i];
            }
        }
        out.printf(
                "  supervisor vs script, relay throughput (first to last byte): %.2f (target >= 0.90);"
                        + " start to last byte: %.2f (start to first byte: supervisor %s, script %s)%n",
                relayRatio,
                wallRatio,
                seconds(Stats.ofNanos(toFirst[1], 1e9)),
                seconds(Stats.ofNanos(toFirst[2], 1e9)));
        out.printf(
                "  supervisor vs direct: first to last byte %.2f, start to last byte %.2f%n",
                relayStats[0].median() / relayStats[1].median(), wallStats[0].median() / wallStats[1].median());
        out.printf(
                "  supervisor relaying (%s=relay, as where claude cannot write to the terminal itself) vs script:"
                        + " first to last byte %.2f, start to last byte %.2f%n",
                "CLAUDEMESH_PTY_OUTPUT",
                relayStats[2].median() / relayStats[3].median(),
                wallStats[2].median() / wallStats[3].median());
        return new Figure(
                "PTY passthrough " + MEGABYTES + " MiB, supervisor vs script",
                String.format(
                        "%.2fx relay throughput (supervisor first to last byte %s); %.2fx start to last byte",
                        relayRatio, seconds(relayStats[1]), wallRatio),
                String.format(
                        "script %s first to last byte, %.2f s start to last; direct %.2f s; supervisor relaying"
                                + " %.2fx / %.2fx",
                        seconds(relayStats[2]),
                        wallStats[2].median(),
                        relayStats[0].median(),
                        relayStats[2].median() / relayStats[3].median(),
                        wallStats[2].median() / wallStats[3].median()),
                ">= 0.9x");
    }

    /** {@code script -qec <program> /dev/null}: util-linux relaying the program's terminal, the reference relay. */
    private static List<String> script(Class<?> main, String... args) {
        StringBuilder line = new StringBuilder();
        for (String word : program(main, args)) {
            line.append(line.length() == 0 ? "" : " ")
                    .append('\'')
                    .append(word.replace("'", "'\\''"))
                    .append('\'');
        }
        return List.of("script", "-q", "-e", "-c", line.toString(), "/dev/null");
    }

    /** Runs the command in a PTY, reads everything; returns {wall nanos start to end, nanos first to last byte}. */
    private static long[] drain(List<String> command, Map<String, String> env, long expected) throws Exception {
        long start = System.nanoTime();
        PtySession session =
                PtySession.start(new PtyCommand(command, env, Path.of("").toAbsolutePath(), new WindowSize(120, 40)));
        ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024); // the harness as light as it gets, for every arm
        long total = 0;
        long first = 0;
        int n;
        try {
            while ((n = session.read(buffer.clear())) >= 0) {
                if (n > 0 && first == 0) {
                    first = System.nanoTime();
                }
                total += n;
            }
        } catch (IOException e) {
            // end of output
        }
        long end = System.nanoTime();
        int exit = session.waitFor();
        session.close();
        if (exit != 0 || total < expected) {
            throw new IllegalStateException("run failed: exit " + exit + ", " + total + " of " + expected + " bytes: "
                    + String.join(" ", command));
        }
        return new long[] {end - start, end - first};
    }

    private static void latency(PrintStream out, Map<String, String> env, InstalledHome home) throws Exception {
        long[] direct = echo(program(RawEcho.class, "echo"), env);
        long[] supervised = echo(supervised(home, RawEcho.class, "echo"), env);
        out.printf(
                "keystroke echo round trip (%d keys): direct median %.3f ms p95 %.3f ms; through the supervisor"
                        + " median %.3f ms p95 %.3f ms; added median %.3f ms%n",
                KEYS,
                median(direct) / 1e6,
                percentile(direct, 95) / 1e6,
                median(supervised) / 1e6,
                percentile(supervised, 95) / 1e6,
                (median(supervised) - median(direct)) / 1e6);
    }

    private static long[] echo(List<String> command, Map<String, String> env) throws Exception {
        PtySession session =
                PtySession.start(new PtyCommand(command, env, Path.of("").toAbsolutePath(), WindowSize.DEFAULT));
        try {
            byte[] buffer = new byte[4096];
            StringBuilder seen = new StringBuilder();
            while (seen.indexOf("READY") < 0) {
                int n = session.read(buffer, 0, buffer.length);
                if (n < 0) {
                    throw new IllegalStateException("echo program ended early: " + seen);
                }
                seen.append(new String(buffer, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1));
            }
            Thread.sleep(300);
            long[] rounds = new long[KEYS];
            byte[] key = {'k'};
            for (int i = 0; i < KEYS + 20; i++) {
                long t0 = System.nanoTime();
                session.write(key);
                int got = 0;
                while (got < 1) {
                    int n = session.read(buffer, 0, buffer.length);
                    if (n < 0) {
                        throw new IllegalStateException("echo program ended");
                    }
                    got += n;
                }
                if (i >= 20) { // warm-up
                    rounds[i - 20] = System.nanoTime() - t0;
                }
                Thread.sleep(2);
            }
            session.write(new byte[] {0x04});
            session.waitFor();
            return rounds;
        } finally {
            session.close();
        }
    }

    private static List<String> program(Class<?> main, String... args) {
        List<String> command =
                new ArrayList<>(List.of(java(), "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(Arrays.asList(args));
        return command;
    }

    /**
     * {@code <home>/bin/claudemesh run <program>}, as a user runs it (claude's binary is java, so the arguments are
     * the program's {@code -cp ... Main args}); with {@code -Dptybench.jvm} the installed jar with those options.
     */
    /** The supervisor command with the relay asked for: claude's output crosses the supervisor's PTY. */
    private static List<String> relayed(List<String> supervised) {
        List<String> command = new ArrayList<>(List.of("/usr/bin/env", "CLAUDEMESH_PTY_OUTPUT=relay"));
        command.addAll(supervised);
        return command;
    }

    private static List<String> supervised(InstalledHome home, Class<?> main, String... args) {
        List<String> command = new ArrayList<>();
        String options = System.getProperty("ptybench.jvm");
        if (options == null) {
            command.add(home.launcher.toString());
        } else {
            command.add(java());
            if (!options.isBlank()) { // {home}: the installed home, e.g. for its archives
                command.addAll(Arrays.asList(options.replace("{home}", home.meshHome.toString())
                        .strip()
                        .split("\\s+")));
            }
            command.addAll(
                    List.of("-jar", home.meshHome.resolve("lib/claudemesh.jar").toString()));
        }
        command.add("run");
        command.addAll(program(main, args).subList(1, 4 + args.length));
        return command;
    }

    private static String seconds(Stats stats) {
        return String.format("median %.2f s, p95 %.2f s (n=%d)", stats.median(), stats.p95(), stats.runs());
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static double median(long[] values) {
        return percentile(values, 50);
    }

    private static double percentile(long[] values, int p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
