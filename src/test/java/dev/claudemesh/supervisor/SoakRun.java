package dev.claudemesh.supervisor;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudemesh.client.DaemonClient;
import dev.claudemesh.client.DaemonStarter;
import dev.claudemesh.client.DaemonUnavailableException;
import dev.claudemesh.config.DaemonState;
import dev.claudemesh.config.MeshHome;
import dev.claudemesh.supervisor.fixtures.LaunchSupervisorWithDaemon;
import dev.claudemesh.supervisor.fixtures.StandInClaude;
import dev.claudemesh.support.HomeDaemons;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The soak: {@code sessions} supervised stand-in claudes ({@link StandInClaude} under {@link
 * LaunchSupervisorWithDaemon}, each in a PTY of its own) pass tasks around for {@code length} while the daemon is
 * restarted (shutdown) and killed (-9) at random; nothing but the clients themselves brings it back (hooks, the
 * supervisors' reconnecting feed). Then a quiet phase on one daemon for the leak figures, and the count: every message
 * acked exactly once, none left open. Every child JVM has {@code java.io.tmpdir} in the run's own folder, so a temp
 * file or folder left by any of them (pty4j's native-library folders included) is seen. Used by {@code SoakIT}
 * (short) and {@code packaging/bench soak}.
 */
public final class SoakRun {
    /** How long, how wide, how often the daemon is hit, and the seed of the random choices. */
    public record Options(int sessions, Duration length, Duration meanChaosGap, long seed) {}

    /** One sample of the daemon process: pid, resident KiB, threads, open file descriptors. */
    public record Sample(long pid, long rssKib, int threads, int fds) {}

    /** What the run found. */
    public record Report(
            Set<String> sent,
            Set<String> acked,
            List<String> notAckedOnce,
            int stillOpen,
            int duplicateDeliveries,
            int restarts,
            int kills,
            List<Long> recoveryMillis,
            List<Sample> samples,
            Sample quietStart,
            Sample quietEnd,
            List<String> leftInTemp,
            List<String> problems) {}

    private final Path dir;
    private final Options options;
    private final PrintStream progress;
    private final MeshHome home;
    private final Path tmp;
    private final Random random;
    private final List<PtySession> ptys = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private final List<String> feedLog = new ArrayList<>();
    private Thread follower;

    private SoakRun(Path dir, Options options, PrintStream progress) {
        this.dir = dir;
        this.options = options;
        this.progress = progress;
        this.home = new MeshHome(dir.resolve("home"));
        this.tmp = dir.resolve("tmp");
        this.random = new Random(options.seed());
    }

    public static Report run(Path dir, Options options, PrintStream progress) throws Exception {
        return new SoakRun(dir, options, progress).go();
    }

    private Report go() throws Exception {
        Files.createDirectories(tmp);
        home.ensure();
        Files.writeString(home.configFile(), "{\"port\": 0, \"pair_per_minute\": 1000000, \"notify\": \"off\"}");
        NativeLibraries.prepare(dir.resolve("driver-native"));
        // interrupted (Ctrl-C on packaging/bench soak): end every process of the run, not just this JVM
        Thread interrupted = new Thread(this::killEverything, "soak-interrupted");
        Runtime.getRuntime().addShutdownHook(interrupted);
        Set<String> sent = new HashSet<>();
        List<Sample> samples = new ArrayList<>();
        List<Long> recovery = new ArrayList<>();
        int restarts = 0;
        int kills = 0;
        try {
            startDaemonProcess();
            follower = new Thread(this::followFeed, "soak-feed");
            follower.setDaemon(true);
            follower.start();
            for (int i = 0; i < options.sessions(); i++) {
                ptys.add(startSupervised(i));
            }
            awaitSupervised(Duration.ofSeconds(60 + 6L * options.sessions()));
            progress.println("soak: " + options.sessions() + " supervised sessions up");
            long end = System.nanoTime() + options.length().toNanos();
            long nextChaos = System.nanoTime() + gap();
            long nextSample = System.nanoTime();
            while (System.nanoTime() < end) {
                sendOne(sent);
                if (System.nanoTime() >= nextSample) {
                    sample().ifPresent(samples::add);
                    nextSample = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                }
                if (System.nanoTime() >= nextChaos) {
                    boolean kill = random.nextBoolean();
                    if (kill) {
                        kills++;
                    } else {
                        restarts++;
                    }
                    recovery.add(hitDaemon(kill));
                    nextChaos = System.nanoTime() + gap();
                }
                Thread.sleep(200 + random.nextInt(400));
            }
            progress.println("soak: chaos over (" + kills + " kill -9, " + restarts + " restarts); quiet phase");
            awaitSupervised(Duration.ofSeconds(120));
            awaitDrained(sent, Duration.ofSeconds(180));
            Sample quietStart = sample().orElseThrow();
            for (int i = 0; i < 10 * options.sessions(); i++) {
                sendOne(sent);
                Thread.sleep(50);
            }
            awaitDrained(sent, Duration.ofSeconds(180));
            Thread.sleep(2000); // let the last hooks' connections close
            Sample quietEnd = sample().orElseThrow();
            Set<String> all = new HashSet<>(sent);
            all.addAll(logged("sent "));
            Set<String> acked = new HashSet<>();
            List<String> notOnce = new ArrayList<>();
            DaemonClient c = client();
            for (String id : all) {
                JsonNode m = c.message(id);
                long ackEntries = 0;
                for (JsonNode h : m.path("history")) {
                    if (h.toString().contains("acked")) {
                        ackEntries++;
                    }
                }
                if (m.path("message").path("state").asText().equals("acked")) {
                    acked.add(id);
                }
                if (ackEntries != 1) {
                    notOnce.add(id + " " + m.path("message").path("state").asText() + " to "
                            + m.path("message").path("to").asText() + " " + m.path("history"));
                }
            }
            int open = openMessages(c);
            int duplicates = duplicates();
            if (!notOnce.isEmpty()) {
                explain(notOnce, c);
            }
            stopEverything();
            return new Report(
                    all,
                    acked,
                    notOnce,
                    open,
                    duplicates,
                    restarts,
                    kills,
                    recovery,
                    samples,
                    quietStart,
                    quietEnd,
                    leftInTemp(),
                    problems);
        } finally {
            stopEverything();
            Runtime.getRuntime().removeShutdownHook(interrupted);
        }
    }

    private void killEverything() {
        for (PtySession p : List.copyOf(ptys)) {
            p.process().descendants().forEach(ProcessHandle::destroyForcibly);
            p.kill();
        }
        HomeDaemons.stopAll(home);
    }

    /** For a message not acked exactly once: who its recipient was, and what the mesh feed said about it. */
    private void explain(List<String> notOnce, DaemonClient c) throws Exception {
        progress.println("soak: live sessions at the end: " + c.sessions());
        for (String l : logLines()) {
            if (l.startsWith("me ") || l.startsWith("gave-up")) {
                progress.println("soak: stand-in " + l);
            }
        }
        for (String n : notOnce) {
            String to = n.replaceAll(".* to (\\S+) .*", "$1");
            progress.println("soak: not acked once: " + n);
            synchronized (feedLog) {
                for (String f : feedLog) {
                    if (f.contains(to)) {
                        progress.println("soak:   feed " + f);
                    }
                }
            }
        }
    }

    /** Follows the mesh feed of whichever daemon runs, recording session events (for {@link #explain}). */
    private void followFeed() {
        long after = 0;
        long daemon = -1;
        while (!Thread.currentThread().isInterrupted()) {
            try {
                long now =
                        DaemonState.read(home.stateFile()).map(DaemonState::pid).orElse(-1L);
                if (now != daemon) {
                    daemon = now;
                    after = 0;
                    synchronized (feedLog) {
                        feedLog.add(System.currentTimeMillis() + " daemon " + now);
                    }
                }
                JsonNode batch = client().meshEvents(after, 5000);
                if (batch == null) {
                    continue;
                }
                for (JsonNode e : batch.path("events")) {
                    after = Math.max(after, e.path("seq").asLong());
                    if (e.path("type").asText().startsWith("session.")) {
                        synchronized (feedLog) {
                            feedLog.add(System.currentTimeMillis() + " " + e);
                        }
                    }
                }
            } catch (DaemonUnavailableException | RuntimeException e) {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    private long gap() {
        long mean = options.meanChaosGap().toNanos();
        return mean / 2 + (long) (random.nextDouble() * mean);
    }

    private List<String> jvm(Class<?> main, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Fixtures.java()));
        cmd.addAll(Fixtures.jvmOptions());
        cmd.addAll(List.of("-Xmx96m", "-Xss512k", "-Djava.io.tmpdir=" + tmp));
        cmd.addAll(List.of("-cp", Fixtures.classpath(), main.getName()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private Map<String, String> env() {
        Map<String, String> env = Fixtures.supervisorEnv(home.dir());
        env.keySet().removeIf(k -> k.startsWith("CLAUDE_") || k.equals("CLAUDECODE"));
        env.put("CLAUDEMESH_HOME", home.dir().toString());
        env.put("CLAUDEMESH_DAEMON_JAVA_OPTS", "-Djava.io.tmpdir=" + tmp);
        env.put("CLAUDE_CONFIG_DIR", dir.resolve("claude-config").toString()); // never the real ~/.claude
        return env;
    }

    /** The daemon as a background client would start it, with its temp folder in the run's folder. */
    private void startDaemonProcess() throws Exception {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/setsid", Fixtures.java()));
        cmd.addAll(List.of("-XX:+UseSerialGC", "-Xmx512m", "-Djava.io.tmpdir=" + tmp));
        cmd.addAll(List.of("-cp", Fixtures.classpath(), "dev.claudemesh.Main", "daemon", "--if-absent"));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(env());
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(home.logFile().toFile()));
        pb.redirectErrorStream(true);
        pb.start();
        if (HomeDaemons.awaitRunning(home, Duration.ofSeconds(60)).isEmpty()) {
            throw new IllegalStateException("the soak's daemon did not come up; see " + home.logFile());
        }
    }

    private PtySession startSupervised(int i) throws Exception {
        String name = String.format("s%02d", i);
        Path work = Files.createDirectories(dir.resolve("work").resolve(name));
        List<String> claude =
                jvm(StandInClaude.class, dir.resolve(name + ".log").toString(), work.toString());
        List<String> cmd = jvm(
                LaunchSupervisorWithDaemon.class, dir.resolve(name + ".events").toString());
        cmd.addAll(claude.subList(1, claude.size())); // the supervisor runs `java` (ClaudeBinary) with these
        PtySession pty = PtySession.start(new PtyCommand(cmd, env(), work, WindowSize.DEFAULT));
        Thread drain = new Thread(
                () -> {
                    byte[] buf = new byte[8192];
                    try {
                        while (pty.read(buf, 0, buf.length) >= 0) {
                            // the terminal's output is not looked at
                        }
                    } catch (IOException closed) {
                        // ended
                    }
                },
                "soak-pty-" + name);
        drain.setDaemon(true);
        drain.start();
        return pty;
    }

    private DaemonClient client() throws DaemonUnavailableException {
        return new DaemonStarter(home).connect(false);
    }

    /** Every stand-in registered, with its supervisor attached, on the daemon that runs now. */
    private void awaitSupervised(Duration atMost) throws Exception {
        long until = System.nanoTime() + atMost.toNanos();
        String last = "no daemon";
        while (System.nanoTime() < until) {
            try {
                int supervised = 0;
                for (JsonNode s : client().sessions()) {
                    if (s.path("supervisor").asBoolean()) {
                        supervised++;
                    }
                }
                if (supervised >= options.sessions()) {
                    return;
                }
                last = supervised + " of " + options.sessions() + " supervised";
            } catch (DaemonUnavailableException | RuntimeException e) {
                last = String.valueOf(e.getMessage());
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("sessions not all supervised within " + atMost + ": " + last);
    }

    /** A task from a person at a terminal to a random session; the stand-ins pass it on for three more hops. */
    private void sendOne(Set<String> sent) {
        try {
            DaemonClient c = client();
            List<String> ids = new ArrayList<>();
            c.sessions().forEach(s -> ids.add(s.path("id").asText()));
            if (ids.isEmpty()) {
                return;
            }
            JsonNode r = c.post(
                    "/v1/messages", Map.of("to", ids.get(random.nextInt(ids.size())), "kind", "task", "body", "hop=3"));
            sent.add(r.path("id").asText());
        } catch (DaemonUnavailableException | RuntimeException e) {
            // the daemon is away: this send was not confirmed, and is not counted
        }
    }

    /** Shuts the daemon down or kills it; returns how long until one answered again (the clients restart it). */
    private long hitDaemon(boolean kill) throws Exception {
        Optional<DaemonState> st = DaemonState.read(home.stateFile());
        if (st.isEmpty()) {
            return 0;
        }
        long pid = st.get().pid();
        long t0 = System.nanoTime();
        if (kill) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        } else {
            try {
                client().shutdown();
            } catch (DaemonUnavailableException | RuntimeException goingAway) {
                // it may close the connection as it stops
            }
        }
        ProcessHandle.of(pid).ifPresent(h -> h.onExit().join());
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < until) {
            Optional<DaemonState> now = DaemonState.read(home.stateFile());
            if (now.isPresent() && now.get().pid() != pid) {
                try {
                    client().health();
                    return (System.nanoTime() - t0) / 1_000_000;
                } catch (DaemonUnavailableException | RuntimeException notYet) {
                    // starting
                }
            }
            Thread.sleep(100);
        }
        problems.add("no client brought the daemon back within 60 s after " + (kill ? "kill -9" : "a shutdown"));
        startDaemonProcess();
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private Optional<Sample> sample() {
        Optional<DaemonState> st = DaemonState.read(home.stateFile());
        if (st.isEmpty()) {
            return Optional.empty();
        }
        long pid = st.get().pid();
        try {
            long rss = -1;
            int threads = -1;
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = Long.parseLong(line.replaceAll("\\D", ""));
                } else if (line.startsWith("Threads:")) {
                    threads = Integer.parseInt(line.replaceAll("\\D", ""));
                }
            }
            int fds;
            try (Stream<Path> s = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
                fds = (int) s.count();
            }
            return Optional.of(new Sample(pid, rss, threads, fds));
        } catch (IOException | RuntimeException gone) {
            return Optional.empty();
        }
    }

    /**
     * Until nothing is on its way: no session has an open message, every message a stand-in was handed is handled
     * (each {@code recv} has its {@code done}: a hop is acked when it is typed, before the stand-in sends the next
     * one), and both held over two looks a second apart with the stand-ins' logs unchanged. Leases of dead daemons
     * expire meanwhile.
     */
    private void awaitDrained(Set<String> sent, Duration atMost) throws Exception {
        long until = System.nanoTime() + atMost.toNanos();
        String last = "";
        int quietLines = -1;
        while (System.nanoTime() < until) {
            try {
                DaemonClient c = client();
                int open = openMessages(c);
                List<String> lines = logLines();
                long inHand = lines.stream().filter(l -> l.startsWith("recv ")).count()
                        - lines.stream().filter(l -> l.startsWith("done ")).count();
                if (open == 0 && inHand == 0) {
                    if (lines.size() == quietLines) {
                        return;
                    }
                    quietLines = lines.size();
                } else {
                    quietLines = -1;
                }
                last = open + " open, " + inHand + " being handled";
            } catch (DaemonUnavailableException | RuntimeException e) {
                last = String.valueOf(e.getMessage());
                quietLines = -1;
            }
            Thread.sleep(1000);
        }
        problems.add("not drained within " + atMost + ": " + last);
    }

    /** Open messages (queued or leased) over every live session. */
    private static int openMessages(DaemonClient c) throws DaemonUnavailableException {
        int open = 0;
        for (JsonNode s : c.sessions()) {
            open += s.path("pending").asInt();
        }
        return open;
    }

    private List<String> logLines() throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (f.getFileName().toString().endsWith(".log")) {
                    lines.addAll(Files.readAllLines(f, StandardCharsets.UTF_8));
                }
            }
        }
        return lines;
    }

    private Set<String> logged(String prefix) throws IOException {
        Set<String> out = new HashSet<>();
        for (String l : logLines()) {
            if (l.startsWith(prefix)) {
                out.add(l.substring(prefix.length()).trim());
            }
        }
        return out;
    }

    private int duplicates() throws IOException {
        Map<String, Integer> seen = new HashMap<>();
        for (String l : logLines()) {
            if (l.startsWith("recv ")) {
                seen.merge(l.substring(5).trim(), 1, Integer::sum);
            }
        }
        return (int) seen.values().stream().filter(n -> n > 1).count();
    }

    private List<String> leftInTemp() throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(tmp)) {
            s.filter(p -> !p.equals(tmp)).forEach(p -> out.add(tmp.relativize(p).toString()));
        }
        return out;
    }

    private void stopEverything() throws Exception {
        if (follower != null) {
            follower.interrupt();
        }
        for (PtySession p : ptys) {
            if (p.isAlive()) {
                try {
                    p.write(new byte[] {0x04}, 0, 1); // the stand-in ends its session, its supervisor follows
                } catch (IOException gone) {
                    // ended
                }
            }
        }
        for (PtySession p : ptys) {
            if (p.waitFor(Duration.ofSeconds(20)).isEmpty()) {
                problems.add("a supervisor did not end after its claude did; killed");
                p.process().descendants().forEach(ProcessHandle::destroyForcibly);
                p.kill();
            }
            p.close();
        }
        ptys.clear();
        try {
            Optional<DaemonState> st = DaemonState.read(home.stateFile());
            if (st.isPresent()) {
                client().shutdown();
                ProcessHandle.of(st.get().pid()).ifPresent(h -> h.onExit().join());
            }
        } catch (DaemonUnavailableException | RuntimeException gone) {
            // ended already
        }
        HomeDaemons.stopAll(home);
    }
}
