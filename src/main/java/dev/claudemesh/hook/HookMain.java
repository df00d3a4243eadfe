package dev.claudemesh.hook;

import dev.claudemesh.Version;
import dev.claudemesh.api.Endpoints;
import dev.claudemesh.client.DaemonSpawner;
import dev.claudemesh.client.LeanHttp;
import dev.claudemesh.config.DaemonState;
import dev.claudemesh.config.MeshHome;
import dev.claudemesh.session.ProcessInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code claudemesh hook <Event>} and {@code claudemesh statusline}: the processes claude runs on every
 * prompt. JDK-only (no picocli, Jackson, Javalin or SQLite), they forward claude's stdin to the daemon and
 * print its answer. They fail open: daemon down, hung or answering garbage → exit 0, nothing on stdout. With no
 * daemon, SessionStart starts one and waits for it; the others start one in the background and exit at once.
 */
public final class HookMain {
    static final int FAST_MILLIS = 250;
    /** How long SessionStart waits for a daemon it started: its JVM can take seconds on a loaded machine. */
    static final int START_MILLIS = 15_000;

    static final int WATCHDOG_MILLIS = 1_000;
    static final int MAX_STDIN = 16 * 1024 * 1024;
    static final List<String> EVENTS = List.of("SessionStart", "UserPromptSubmit", "Stop", "SessionEnd", "StopWaiter");

    private final MeshHome home;
    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;
    private final Watchdog watchdog;

    HookMain(Map<String, String> env, PrintStream out, PrintStream err, Watchdog watchdog) {
        this.env = env;
        this.home = MeshHome.fromEnv(env);
        this.out = out;
        this.err = err;
        this.watchdog = watchdog;
    }

    /** Entry from {@code Main}: real stdout for the protocol, System.out pointed at stderr. */
    public static int main(String[] args, boolean statusLine) {
        PrintStream realOut = new PrintStream(
                new java.io.FileOutputStream(java.io.FileDescriptor.out), false, StandardCharsets.UTF_8);
        System.setOut(System.err);
        String event = statusLine ? "StatusLine" : (args.length > 0 ? args[0] : "");
        // A backstop only: socket timeouts (FAST_MILLIS) are what normally ends a hung exchange.
        Watchdog dog = new Watchdog(event.equals("SessionStart") ? START_MILLIS + 500 : WATCHDOG_MILLIS);
        if (!event.equals("StopWaiter")) {
            dog.start();
        }
        HookMain h = new HookMain(System.getenv(), realOut, System.err, dog);
        try {
            return h.run(event, System.in);
        } catch (Exception | Error e) {
            return 0; // fail open
        } finally {
            realOut.flush();
        }
    }

    int run(String event, InputStream stdin) throws IOException {
        if (!event.equals("StatusLine") && !EVENTS.contains(event)) {
            err.println("claudemesh: unknown hook event '" + event + "'; known: " + String.join(", ", EVENTS));
            return 0;
        }
        byte[] raw = stdin.readNBytes(MAX_STDIN);
        String input = new String(raw, StandardCharsets.UTF_8).trim();
        if (input.isEmpty()) {
            return 0; // nothing from claude: nothing to do
        }
        try {
            LeanJson.parseObject(input);
        } catch (RuntimeException e) {
            err.println("claudemesh: hook stdin is not a JSON object; ignoring (" + e.getMessage() + ")");
            return 0;
        }
        String payload = payload(input);
        if ("1".equals(env.get(CdsTraining.ENV))) {
            CdsTraining.prepare(home);
        }
        if (event.equals("StopWaiter")) {
            return new StopWaiter(home, env, err).run(payload);
        }
        Optional<LeanHttp> http = event.equals("SessionStart") ? ensureDaemon() : LeanHttp.forHome(home);
        if (http.isEmpty()) {
            if (!event.equals("SessionStart") && !event.equals("SessionEnd")) {
                // No daemon (never started, crashed, killed): start one for the next hook, which registers this
                // session if need be; this one does not wait for it. An ending session needs none.
                DaemonSpawner.spawnInBackground(home);
            }
            return 0;
        }
        int timeout = event.equals("SessionStart") ? 2_000 : FAST_MILLIS;
        LeanHttp.Response r = http.get().post(Endpoints.hook(event), payload, timeout);
        if (r.status() != 200) {
            return 0;
        }
        Map<String, Object> reply = LeanJson.parseObject(r.body());
        String stdout = str(reply.get("stdout"));
        String stderr = str(reply.get("stderr"));
        int exit = reply.get("exit") instanceof Long l ? l.intValue() : 0;
        synchronized (watchdog) {
            watchdog.disarm();
            if (!stdout.isEmpty()) {
                out.print(stdout);
                out.flush();
            }
        }
        if (!stderr.isEmpty()) {
            err.print(stderr);
            err.flush();
        }
        Object lease = reply.get("ack_lease");
        if (lease instanceof String id && id.matches("l_[a-z0-9]{12}")) {
            try {
                http.get().post(Endpoints.ackLease(id), "{}", FAST_MILLIS);
            } catch (IOException e) {
                // the lease expires and the messages come again: at-least-once, never lost
            }
        }
        return exit == 2 ? 2 : 0;
    }

    /** What every hook request carries: claude's stdin plus the process facts the daemon needs. */
    String payload(String input) {
        long self = ProcessHandle.current().pid();
        StringBuilder b = new StringBuilder("{\"hook_pid\":").append(self);
        String cp = env.get("CLAUDE_PID");
        if (cp != null && cp.matches("\\d{1,9}")) {
            b.append(",\"claude_pid\":").append(cp);
        }
        b.append(new BuiltinProbe(env).payloadFields());
        b.append(",\"ancestors\":[");
        List<Long> anc = ProcessInfo.ancestors(self);
        for (int i = 0; i < anc.size() && i < 8; i++) {
            b.append(i == 0 ? "" : ",").append(anc.get(i));
        }
        return b.append("],\"input\":").append(input).append('}').toString();
    }

    /** SessionStart starts the daemon when none (or one of another version) runs. */
    private Optional<LeanHttp> ensureDaemon() throws IOException {
        Optional<DaemonState> st = DaemonState.read(home.stateFile());
        Optional<LeanHttp> http = LeanHttp.forHome(home);
        if (http.isPresent() && healthy(http.get())) {
            if (st.isPresent() && st.get().version().equals(Version.current())) {
                return http;
            }
            try {
                http.get().post(Endpoints.SHUTDOWN, "{}", 1_000);
                ProcessHandle.of(st.get().pid()).ifPresent(p -> {
                    try {
                        p.onExit().get(2, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (Exception ignored) {
                        // we start ours anyway; the lock decides
                    }
                });
            } catch (IOException ignored) {
                // already gone
            }
        }
        Process p = DaemonSpawner.spawn(home);
        long until = System.nanoTime() + START_MILLIS * 1_000_000L;
        while (System.nanoTime() < until) {
            Optional<LeanHttp> h = LeanHttp.forHome(home);
            Optional<DaemonState> now = DaemonState.read(home.stateFile());
            if (h.isPresent() && now.isPresent() && now.get().version().equals(Version.current()) && healthy(h.get())) {
                return h;
            }
            if (!p.isAlive() && p.exitValue() != 0) {
                return Optional.empty();
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static boolean healthy(LeanHttp http) {
        try {
            return http.get(Endpoints.HEALTH, 500).status() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    static String str(Object o) {
        return o instanceof String s ? s : "";
    }

    /** Ends the process with exit 0 and no output if the hook has not answered by its deadline. */
    static final class Watchdog extends Thread {
        private final long millis;
        private boolean armed = true;

        Watchdog(long millis) {
            super("claudemesh-hook-watchdog");
            this.millis = millis;
            setDaemon(true);
        }

        synchronized void disarm() {
            armed = false;
        }

        @Override
        public void run() {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                return;
            }
            synchronized (this) {
                if (armed) {
                    Runtime.getRuntime().halt(0);
                }
            }
        }
    }
}
